import { diagnosisText, loadDiagnoses } from '../../src/render/diagnoses.js';

/**
 * What a failed check says of a documented failure (templates/<target>/diagnoses.yaml): its cause and its fix, with
 * whatever values the check filled in for the Postman variables the texts name.
 */
export async function diagnosisPattern(target: string, id: string): Promise<RegExp> {
  const diagnosis = (await loadDiagnoses(target))[id];
  if (!diagnosis) throw new Error(`templates/${target}/diagnoses.yaml has no ${id}`);
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    diagnosisText(diagnosis)
      .split(/\{\{\w+\}\}/)
      .map(literal)
      .join('[^;]+'),
  );
}
