/** An attribute definition as RFC 7643 section 7 describes it, served by /Schemas and used to check bodies. */
export interface AttributeDef {
  name: string;
  type: 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'binary' | 'complex';
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  referenceTypes?: string[];
  subAttributes?: AttributeDef[];
}

type Options = Partial<Omit<AttributeDef, 'name' | 'type' | 'subAttributes'>>;

export function attr(name: string, type: AttributeDef['type'], options: Options = {}): AttributeDef {
  return {
    name,
    type,
    multiValued: false,
    description: options.description ?? `${name} attribute`,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}
export const str = (name: string, options?: Options) => attr(name, 'string', options);
export const complex = (name: string, subAttributes: AttributeDef[], options: Options = {}): AttributeDef => ({
  ...attr(name, 'complex', options),
  subAttributes,
});
export const multi = (name: string, subAttributes: AttributeDef[], options: Options = {}) =>
  complex(name, subAttributes, { ...options, multiValued: true });
/** value, display, type, primary: the sub-attributes of most multi-valued attributes. */
export const entries = (value: AttributeDef = str('value')) => [
  value,
  str('display'),
  str('type'),
  attr('primary', 'boolean'),
];
export const readOnly: Options = { mutability: 'readOnly' };

/** A schema (RFC 7643 section 7): its URN, name and attributes. */
export interface SchemaDef {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDef[];
}
