/**
 * Words as a test-wise reader sees them: lower-cased, split on anything but letters and digits,
 * short and filler words dropped, plurals folded. Used by the guessability report and the
 * check that explanations answer every distractor.
 */

const STOPWORDS = new Set(
  (
    'a an and are as at be by can for from has have how if in into is it its not of on or so ' +
    'than that the their them then there these this those to was were what when where which who ' +
    'why will with you your does do only also more most less any all each other same one two ' +
    'its instead just per via about after before both but may might must should would could use ' +
    'used uses using'
  ).split(' '),
);

export function stem(word: string): string {
  if (/^\d/.test(word)) return word;
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith('es') && /(ss|x|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return w;
}

/** Content words, in order, duplicates kept. Numbers keep their dots and slashes (0.0.0.0/0). */
export function words(text: string): string[] {
  return (text.toLowerCase().match(/\d[\d.,/:]*\d|\d|[\p{L}][\p{L}\p{N}-]*/gu) ?? [])
    .map((w) => w.replace(/-+$/, ''))
    .filter((w) => /^\d/.test(w) || (w.length >= 3 && !STOPWORDS.has(w)))
    .map(stem);
}

export function wordSet(text: string): Set<string> {
  return new Set(words(text));
}

export function isNumber(word: string): boolean {
  return /^\d/.test(word);
}
