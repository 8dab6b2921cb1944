import type { ParameterValue } from '#lib/parameters/parameter-inputs.ts';

/** One parameter of a concrete point as the API carries it (`ParameterSetting`). */
export interface ParameterSettingValue {
  name: string;
  value: ParameterValue;
}

/** Parameter settings (`ParameterConfig.parameters`, best or chosen parameters) as `name value` pairs, by name. */
export function formatParameterPairs(parameters: readonly ParameterSettingValue[]): { name: string; value: string }[] {
  return [...parameters].sort((a, b) => a.name.localeCompare(b.name)).map((setting) => ({ name: setting.name, value: String(setting.value) }));
}
