#!/usr/bin/env node
// Validates APL documents with Amazon's own validator (the apl-suggester package):
//   node tools/apl/validate.js FILE.json ...
// Prints one JSON object {file: [findings]} and exits 1 when any document has a finding,
// 2 when a file cannot be read. Each FILE is an APL document, or a RenderDocument directive
// (its "document" is validated).
'use strict';
const fs = require('fs');
const path = require('path');
const { StaticAplTemplateValidator } = require('apl-suggester');

async function main(files) {
  const results = {};
  let findings = 0;
  // The validator logs notes of its own ("No mixin for component"): keep the output to the
  // result.
  const quiet = ['log', 'warn', 'error'].map((name) => [name, console[name]]);
  for (const [name] of quiet) console[name] = () => {};
  try {
    for (const file of files) {
      let doc = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (doc && doc.type === 'Alexa.Presentation.APL.RenderDocument') doc = doc.document;
      const found = await new StaticAplTemplateValidator().validate(doc);
      results[path.relative(process.cwd(), file)] = found;
      findings += found.length;
    }
  } finally {
    for (const [name, fn] of quiet) console[name] = fn;
  }
  process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  return findings ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => { process.stderr.write(String(error && error.stack || error) + '\n'); process.exit(2); },
);
