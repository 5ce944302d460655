/** What every profile has, whatever its target. */
export interface BaseTenant {
  /** Safe for file names: the rendered files are named after it. */
  name: string;
  target: string;
  /** https origin of the tenant, no trailing slash. */
  baseUrl: string;
  /** Every user and group a run creates is named with this prefix and the run id. */
  testData: { prefix: string };
}
