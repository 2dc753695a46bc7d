import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORGANIZATION_KINDS } from '@ledger/domain';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { ActivityDataRequest } from '../activity-data.request.dto';
import { IsFreeText, IsSlug } from '../activity-field.validators';

/** `data` of DeclarationSigned: an organisation joined the joint declaration; each organisation signs once. */
export class DeclarationSignedRequestData extends ActivityDataRequest {
  @ApiProperty({ description: 'Slug of the signing organisation' })
  @IsSlug()
  organizationId!: string;

  @ApiProperty({ description: "The organisation's public name" })
  @IsFreeText(200)
  organizationName!: string;

  @ApiProperty({ description: 'Kind of organisation', enum: ORGANIZATION_KINDS })
  @IsIn(ORGANIZATION_KINDS, { message: `must be one of: ${ORGANIZATION_KINDS.join(', ')}` })
  organizationKind!: string;

  @ApiPropertyOptional({ description: 'Signed on stage at the Festa' })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  signedAtFesta?: boolean;
}
