import { ApiProperty } from '@nestjs/swagger';
import { PLACE_OFFERS } from '@ledger/domain';
import { IsIn } from 'class-validator';
import { MunicipalActivityDataRequest } from '../activity-data.request.dto';
import { IsFreeText, IsSlug } from '../activity-field.validators';

/** `data` of PlaceToBelongRegistered: a community site offers a place to belong or work experience. */
export class PlaceToBelongRegisteredRequestData extends MunicipalActivityDataRequest {
  @ApiProperty({ description: 'Slug of the site' })
  @IsSlug()
  placeId!: string;

  @ApiProperty({ description: 'Public name of the site' })
  @IsFreeText(200)
  placeName!: string;

  @ApiProperty({ description: 'place or work-experience', enum: PLACE_OFFERS })
  @IsIn(PLACE_OFFERS, { message: `must be one of: ${PLACE_OFFERS.join(', ')}` })
  offers!: string;
}
