/** fast-check arbitraries for YAML text (imported by tests only): what reading untrusted YAML must survive. */
import fc from 'fast-check';

/** YAML-like text from the tokens that matter here: anchors, aliases, merge keys, brackets, indicators, indentation. */
export const yamlTokenSoup: fc.Arbitrary<string> = fc
  .array(fc.constantFrom('&a ', '&b ', '*a', '*b', '<<: ', 'a: ', 'b: ', '- ', '? ', '[', ']', '{', '}', ', ', 'x', '1', '"q"', '\n', '\n  ', '\n    ', '---\n', '#c', '!!str ', '|\n  t'), { maxLength: 40 })
  .map((parts) => parts.join(''));

/** Flow-style YAML trees with anchors and aliases anywhere (an alias inside its own anchor is circular). */
export const yamlTree: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('x', '1', '"q"', 'null', 'yes', '*a', '*b'),
    fc.tuple(fc.constantFrom('&a ', '&b ', ''), fc.array(tie('node'), { maxLength: 4 })).map(([anchor, items]) => `${anchor}[${items.join(', ')}]`),
    fc
      .tuple(fc.constantFrom('&a ', '&b ', ''), fc.array(fc.tuple(fc.constantFrom('k', 'l', '<<', '*a'), tie('node')), { maxLength: 4 }))
      .map(([anchor, pairs]) => `${anchor}{${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
  ),
})).node;

/** Any text: YAML-like token soup, YAML trees with aliases, or arbitrary Unicode (lone surrogates included). */
export const anyYamlText: fc.Arbitrary<string> = fc.oneof(yamlTokenSoup, yamlTree, fc.string({ unit: 'binary', maxLength: 200 }));
