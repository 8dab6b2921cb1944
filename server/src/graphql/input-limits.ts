import {
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { ValidationError } from '../domain/errors.ts';

/**
 * Bounds on every text and list input of the API, in one place (the edge): lengths, items, control characters.
 * {@link documentInputLimits} writes each field's bound into its GraphQL description and {@link checkArgumentLimits}
 * enforces it before any resolver runs, answering `BAD_USER_INPUT` with `extensions.field` naming the input path
 * (e.g. `input.name`). Services keep their own domain rules (formats, ranges).
 */
export const inputLimits = {
  /** Default for String and ID inputs (names, codes, emails, symbols, cursors…): the database's varchar(255). */
  textCharacters: 255,
  /** Free text: objectives, changelogs, reasons, notes, summaries. */
  longTextCharacters: 10_000,
  /** CSV text uploaded through `importMarketData` (`content`): the HTTP body limit. */
  uploadCharacters: 32 * 1024 * 1024,
  /** Default for list inputs. */
  listItems: 100,
  /** `eligibleMarkets` of a strategy. */
  eligibleMarkets: 200,
  /** Notification ids marked read at once. */
  notificationIds: 1000,
} as const;

/** Field names holding free text (any input type). */
const longTextFields = new Set(['objective', 'changelog', 'reason', 'notes', 'summary', 'dependencyNotes', 'description', 'resolution']);
/** Per-field text bounds by `<InputType>.<field>` where a service keeps a tighter one (so the schema says one number). */
const textOverrides: Readonly<Record<string, number>> = {
  'ChangeIncidentStatusInput.notes': 4000,
  'OpenStrategyIncidentInput.summary': 2000,
  // operatorReason's bound (services/deployment/operator-reason.ts).
  'RequestPromotionInput.reason': 2000,
  'ApprovePromotionRequestInput.comment': 2000,
  'RejectPromotionRequestInput.comment': 2000,
  'DeploymentControlInput.reason': 2000,
  'TradingControlInput.reason': 2000,
  'KillSwitchInput.reason': 2000,
  'RevokeLiveConfirmationTokenInput.reason': 2000,
  'DemoteDeploymentInput.reason': 2000,
  'FreezeDeploymentInput.reason': 2000,
  'StrategyHoldInput.reason': 2000,
  'ProposePromotionPolicyInput.reason': 2000,
  'ActivatePromotionPolicyInput.reason': 2000,
  // A whole promotion policy as JSON (the default is ~3,000 characters).
  'ProposePromotionPolicyInput.definitionJson': 100_000,
  // channel-target.ts bounds.
  'CreateNotificationChannelInput.url': 2048,
  'UpdateNotificationChannelInput.url': 2048,
  'CreateNotificationChannelInput.name': 100,
  'UpdateNotificationChannelInput.name': 100,
  // exchangeCredentialsSchema's bounds (infra/exchange/exchange-credentials.ts): a PEM private key needs more than 255.
  'SetExchangeCredentialsInput.apiKey': 512,
  'SetExchangeCredentialsInput.secret': 8192,
  'SetExchangeCredentialsInput.passphrase': 256,
};
/** Per-field list bounds by `<InputType>.<field>` (others: `inputLimits.listItems`). */
const listItemOverrides: Readonly<Record<string, number>> = {
  'RegisterStrategyInput.eligibleMarkets': inputLimits.eligibleMarkets,
  'MarkNotificationsReadInput.ids': inputLimits.notificationIds,
  'CreateNotificationChannelInput.recipients': 20,
  'UpdateNotificationChannelInput.recipients': 20,
};

/** C0 controls (except tab, line feed, carriage return) and DEL: refused in every string. */
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

type Bound = { kind: 'text'; characters: number } | null;

function textBound(owner: string, name: string, type: GraphQLInputType): Bound {
  const named = getNamedType(type).name;
  // ParameterValue is a number, a boolean or a string: its strings get the default text bound.
  if (named !== 'String' && named !== 'ID' && named !== 'ParameterValue') return null;
  if (owner === 'ImportMarketDataInput' && name === 'content') return { kind: 'text', characters: inputLimits.uploadCharacters };
  return { kind: 'text', characters: textOverrides[`${owner}.${name}`] ?? (longTextFields.has(name) ? inputLimits.longTextCharacters : inputLimits.textCharacters) };
}

function listBound(owner: string, name: string): number {
  return listItemOverrides[`${owner}.${name}`] ?? inputLimits.listItems;
}

function isListInput(type: GraphQLInputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/**
 * Checks one input value against its type's bounds, recursing into input objects and lists.
 * @throws ValidationError naming `path`.
 */
function checkValue(value: unknown, type: GraphQLInputType, owner: string, name: string, path: string): void {
  if (value === null || value === undefined) return;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    if (!Array.isArray(value)) return checkValue(value, inner.ofType, owner, name, path);
    const most = listBound(owner, name);
    if (value.length > most) throw new ValidationError(`${path} has ${value.length} items; at most ${most} are allowed`, path);
    value.forEach((item, index) => checkValue(item, inner.ofType, owner, name, `${path}.${index}`));
    return;
  }
  if (isInputObjectType(inner)) {
    if (typeof value !== 'object') return;
    for (const field of Object.values(inner.getFields())) {
      checkValue((value as Record<string, unknown>)[field.name], field.type, inner.name, field.name, `${path}.${field.name}`);
    }
    return;
  }
  const bound = textBound(owner, name, inner);
  if (!bound) return;
  if (typeof value !== 'string') return;
  if (value.length > bound.characters) throw new ValidationError(`${path} is ${value.length} characters long; at most ${bound.characters} are allowed`, path);
  const control = controlCharacter.exec(value);
  if (control) throw new ValidationError(`${path} contains the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at position ${control.index}`, path);
}

/**
 * Refuses a field's arguments over their bounds or with control characters, before its resolver runs (installed on
 * every field with arguments by `guardSchemaFields`: root fields and list fields like `equityCurve(maxPoints)`).
 * `owner` is `<Type>.<field>`.
 * @throws ValidationError naming the argument path (e.g. `input.name`).
 */
export function checkArgumentLimits(owner: string, fieldArgs: readonly GraphQLArgument[], args: Record<string, unknown>): void {
  for (const arg of fieldArgs) checkValue(args[arg.name], arg.type, owner, arg.name, arg.name);
}

function describeBound(owner: string, input: GraphQLInputField | GraphQLArgument): string | null {
  const parts: string[] = [];
  if (isListInput(input.type)) parts.push(`at most ${listBound(owner, input.name)} items`);
  const bound = textBound(owner, input.name, input.type);
  if (bound?.kind === 'text') parts.push(`at most ${bound.characters.toLocaleString('en-US')} characters${isListInput(input.type) ? ' each' : ''}, no control characters`);
  if (parts.length === 0) return null;
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** Appends each bounded input field's and argument's limit to its GraphQL description (so the schema documents it). */
export function documentInputLimits(schema: GraphQLSchema): GraphQLSchema {
  const document = (owner: string, input: GraphQLInputField | GraphQLArgument) => {
    const bound = describeBound(owner, input);
    if (bound && !(input.description ?? '').includes(bound)) input.description = input.description ? `${input.description} ${bound}` : bound;
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) document(type.name, field);
    if (isObjectType(type)) for (const field of Object.values(type.getFields())) for (const arg of field.args) document(`${type.name}.${field.name}`, arg);
  }
  return schema;
}
