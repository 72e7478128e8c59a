# A small demo database (1 patient, 14 days, fixed seed and dates), exported
# with rehabit-cli export --format fhir to BUNDLE.
file(REMOVE "${WORK}/fhir-demo.sqlite" "${WORK}/fhir-demo.sqlite-wal" "${WORK}/fhir-demo.sqlite-shm" "${BUNDLE}")
execute_process(COMMAND "${CLI}" --db "${WORK}/fhir-demo.sqlite" demo-data --patients 1 --days 14 --seed 7
                        --last-day 2025-06-30
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "demo-data failed (${rc}): ${err}")
endif()
execute_process(COMMAND "${CLI}" --db "${WORK}/fhir-demo.sqlite" export --patient 1 --format fhir --out "${BUNDLE}"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT EXISTS "${BUNDLE}")
    message(FATAL_ERROR "export --format fhir failed (${rc}): ${err}")
endif()
