# rehabit_common_cfg: the one INTERFACE target every Rehabit target links.
# It carries the language level, the warnings (kept at zero) and strict Qt defines,
# in the manner of qBittorrent's qbt_common_cfg.
add_library(rehabit_common_cfg INTERFACE)
target_compile_features(rehabit_common_cfg INTERFACE cxx_std_20)
target_compile_options(rehabit_common_cfg INTERFACE
    $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic>
    $<$<AND:$<BOOL:${REHABIT_WERROR}>,$<CXX_COMPILER_ID:GNU,Clang>>:-Werror>)
target_compile_definitions(rehabit_common_cfg INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    QT_USE_QSTRINGBUILDER
    QT_STRICT_ITERATORS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400)

if(REHABIT_SANITIZE)
    # Applied to every target of the project, including tests and tools.
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()
