import { DeclarationSigned } from './declaration-signed.event';
import { FestaHeld } from './festa-held.event';
import { SurveyAnswered } from './survey-answered.event';

/** The facts of ②イ's awareness work: the Festa, its declaration and its survey. */
export type AwarenessActivity = FestaHeld | DeclarationSigned | SurveyAnswered;
