# The layer rule of the public headers: a header of include/rehabit/<part>/
# includes only headers of its own part and of the parts its row below allows,
# so every arrow between parts runs downward (docs/architecture.md, "Layers").
#
#   cmake -DINCLUDE_DIR=<dir holding rehabit/> -P HeaderLayers.cmake
#
# Prints every arrow that breaks the rule and fails; a part missing from the
# table and a flat include ("rehabit/Foo.h") fail too.

cmake_minimum_required(VERSION 3.22)

# The table: part -> the parts it may include. Keep it in step with
# docs/architecture.md.
set(allowed_platform "domain")
set(allowed_domain "")
set(allowed_catalog "domain")
set(allowed_store "domain")
# SessionRunner (the adapter) writes every event through the Store interface.
set(allowed_engine "domain;platform;store")
# SessionDose (review) measures a session against its SessionPlan (engine).
set(allowed_review "domain;engine")
# importPatientFile() writes through the Store interface.
set(allowed_exchange "domain;review;store")
set(allowed_demo "domain")

if(NOT INCLUDE_DIR OR NOT IS_DIRECTORY "${INCLUDE_DIR}/rehabit")
    message(FATAL_ERROR "INCLUDE_DIR must be a folder holding rehabit/ (got '${INCLUDE_DIR}')")
endif()

file(GLOB_RECURSE headers RELATIVE "${INCLUDE_DIR}/rehabit" "${INCLUDE_DIR}/rehabit/*.h")
list(SORT headers)
set(faults "")
set(checked 0)
foreach(header IN LISTS headers)
    if(NOT header MATCHES "^([^/]+)/[^/]+$")
        string(APPEND faults "\n  ${header}: a public header lives in include/rehabit/<part>/")
        continue()
    endif()
    set(part "${CMAKE_MATCH_1}")
    if(NOT DEFINED allowed_${part})
        string(APPEND faults "\n  ${header}: the part '${part}' is not in the table of HeaderLayers.cmake")
        continue()
    endif()
    math(EXPR checked "${checked} + 1")
    file(STRINGS "${INCLUDE_DIR}/rehabit/${header}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<]rehabit/")
    foreach(line IN LISTS includes)
        if(NOT line MATCHES "rehabit/([^/\">]+)/[^\">]+[\">]")
            string(APPEND faults "\n  ${header}: '${line}' names no part (rehabit/<part>/Foo.h)")
            continue()
        endif()
        set(target "${CMAKE_MATCH_1}")
        if(target STREQUAL part)
            continue()
        endif()
        if(NOT target IN_LIST allowed_${part})
            set(below "${allowed_${part}}")
            if(NOT below)
                set(below "no other part")
            endif()
            string(REPLACE ";" ", " below "${below}")
            string(APPEND faults "\n  ${header}: ${part} -> ${target} runs upward ('${line}');"
                                 " ${part} may include ${below}")
        endif()
    endforeach()
endforeach()

if(checked EQUAL 0)
    message(FATAL_ERROR "no public header found under ${INCLUDE_DIR}/rehabit")
endif()
if(faults)
    message(FATAL_ERROR "arrows that break the layer rule:${faults}")
endif()
message(STATUS "${checked} public headers, every arrow downward")
