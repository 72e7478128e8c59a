#!/usr/bin/env node
// Validates FHIR R4 JSON files against the official FHIR R4 JSON schema
// (fhir.schema.json, id http://hl7.org/fhir/json-schema/4.0, draft-06),
// with Ajv 6. Run by ctest (tests/fhir/CMakeLists.txt); the packages come
// from this folder's package-lock.json, installed by `.ci/bootstrap test`.
//
//   node validate-fhir.js MODULES_DIR FILE...            every FILE must be valid
//   node validate-fhir.js MODULES_DIR --self-test FILE   FILE must be valid and
//       every broken copy of it (made here, one fault each) must be rejected
'use strict';
const fs = require('fs');
const path = require('path');

const [modules, ...rest] = process.argv.slice(2);
if (!modules || rest.length === 0) {
  console.error('usage: validate-fhir.js MODULES_DIR [--self-test] FILE...');
  process.exit(2);
}
const schemaFile = path.join(modules, '@asymmetrik', 'fhir-json-schema-validator', 'fhir.schema.json');
const ajvDir = path.join(modules, 'ajv');
if (!fs.existsSync(schemaFile) || !fs.existsSync(ajvDir)) {
  console.error(`FHIR validator missing: ${schemaFile} or ${ajvDir} not found.\n` +
                'Install it with: .ci/bootstrap test  (or: npm ci --prefix BUILD/fhir-validator ' +
                'after copying tests/fhir/package.json and package-lock.json there).');
  process.exit(1);
}
const Ajv = require(ajvDir);
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
if (schema.id !== 'http://hl7.org/fhir/json-schema/4.0') {
  console.error(`unexpected schema ${schema.id}: expected the FHIR R4 schema http://hl7.org/fhir/json-schema/4.0`);
  process.exit(1);
}
const ajv = new Ajv({ logger: false, allErrors: false, schemaId: 'auto' });
ajv.addMetaSchema(require(path.join(ajvDir, 'lib', 'refs', 'json-schema-draft-06.json')));
ajv.addSchema(schema, 'fhir');
const validate = ajv.getSchema('fhir');
const byType = new Map();

/// The first fault, located: a Bundle's failing entry is checked against its
/// own resource type, so that the message names the field, not the oneOf.
function fault(json, where) {
  const type = json && json.resourceType;
  if (!schema.discriminator.mapping[type]) {
    return `${where}: unknown resourceType ${JSON.stringify(type)}`;
  }
  if (!byType.has(type)) {
    byType.set(type, ajv.compile({ $ref: `fhir#/definitions/${type}` }));
  }
  const v = byType.get(type);
  if (v(json)) {
    return null;
  }
  if (type === 'Bundle' && Array.isArray(json.entry)) {
    for (let i = 0; i < json.entry.length; i++) {
      const inner = json.entry[i] && json.entry[i].resource;
      const problem = inner ? fault(inner, `${where}.entry[${i}].resource`) : null;
      if (problem) {
        return problem;
      }
    }
  }
  const e = v.errors[0];
  return `${where}${e.dataPath}: ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`;
}

function check(name, json) {
  if (validate(json)) {
    return null;
  }
  return `${name}: invalid: ${fault(json, json.resourceType || '(root)') || 'rejected by the schema'}`;
}

function read(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

if (rest[0] === '--self-test') {
  const file = rest[1];
  const good = read(file);
  const problem = check(file, good);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  const firstOf = (b, type) => b.entry.find(e => e.resource.resourceType === type).resource;
  // Faults the R4 JSON schema catches (it checks types, codes with a fixed
  // list, patterns and unknown keys; it does not check cardinalities such as
  // a required status, nor codes bound to an open value set).
  const broken = {
    'Observation.valueInteger as a text': b => { firstOf(b, 'Observation').valueInteger = 'four'; },
    'Observation.effectiveDateTime not a dateTime': b => { firstOf(b, 'Observation').effectiveDateTime = 'yesterday'; },
    'Observation.code.coding not an array': b => {
      const o = firstOf(b, 'Observation');
      o.code.coding = o.code.coding[0];
    },
    'Patient with a key FHIR does not have': b => { firstOf(b, 'Patient').nickname = 'Ana'; },
    'Bundle of an unknown type': b => { b.type = 'heap'; },
    'an entry of an unknown resourceType': b => { b.entry[0].resource.resourceType = 'PainScore'; },
    'CarePlan with an empty title': b => { firstOf(b, 'CarePlan').title = ''; },
    'Procedure with a space in its id': b => { firstOf(b, 'Procedure').id = 'session 1'; },
  };
  let failures = 0;
  for (const [what, breakIt] of Object.entries(broken)) {
    const copy = JSON.parse(JSON.stringify(good));
    breakIt(copy);
    const result = check(what, copy);
    if (result) {
      console.log(`rejected as expected: ${result}`);
    } else {
      console.error(`NOT rejected: ${what}`);
      failures++;
    }
  }
  console.log(`${Object.keys(broken).length - failures} passed, ${failures} failed`);
  process.exit(failures ? 1 : 0);
}

let failures = 0;
for (const file of rest) {
  const json = read(file);
  const problem = check(file, json);
  if (problem) {
    console.error(problem);
    failures++;
  } else {
    const entries = Array.isArray(json.entry) ? json.entry.length : 0;
    console.log(`${file}: valid FHIR R4 ${json.resourceType} (${entries} entries)`);
  }
}
process.exit(failures ? 1 : 0);
