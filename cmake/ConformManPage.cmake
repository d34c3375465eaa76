# Writes conform(1) from the binary's own help: `conform --help` lists the commands, and each
# command's --help becomes its section. Run at install time (cmake/ConformInstall.cmake):
#   cmake -DCONFORM=path/to/conform -DOUT=conform.1 -DVERSION=x.y.z -P ConformManPage.cmake
foreach(var CONFORM OUT VERSION)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "ConformManPage.cmake: -D${var}=... is required")
  endif()
endforeach()

function(conform_help out_var)
  execute_process(COMMAND ${CONFORM} ${ARGN} --help OUTPUT_VARIABLE text RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "ConformManPage.cmake: `conform ${ARGN} --help` exited ${result}")
  endif()
  # roff: a backslash is written \e, and a line may not begin with a control character.
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

conform_help(top)
set(page ".TH CONFORM 1 \"\" \"conform ${VERSION}\" \"User Commands\"
.SH NAME
conform \\- contract-testing and conformance suite for cloud RPC APIs
.SH SYNOPSIS
.B conform
\\fIcommand\\fR [\\fIoptions\\fR]
.SH DESCRIPTION
.nf
${top}.fi
.SH COMMANDS
")
# The command names are the first words of the indented lines after "commands:".
string(REGEX MATCH "commands:\n(( +[a-z]+ [^\n]*\n)+)" listing "${top}")
string(REPLACE "\n" ";" lines "${CMAKE_MATCH_1}")
set(names "")
foreach(line IN LISTS lines)
  if(line MATCHES "^ +([a-z]+) ")
    list(APPEND names ${CMAKE_MATCH_1})
  endif()
endforeach()
if(NOT names)
  message(FATAL_ERROR "ConformManPage.cmake: `conform --help` lists no commands")
endif()
foreach(name IN LISTS names)
  conform_help(text ${name})
  string(APPEND page ".SS conform ${name}\n.nf\n${text}.fi\n")
endforeach()
string(APPEND page ".SH FILES
.TP
.I <prefix>/share/conform/specs
the operation specs conform reads when none is named (\\fB$CONFORM_SPECS_DIR\\fR overrides it)
.TP
.I <prefix>/share/conform/reports/schema
the schemas of results.json and junit.xml
.TP
.I <prefix>/share/doc/conform/ci-examples
pipelines for GitHub Actions and GitLab CI
.SH EXIT STATUS
0 conformant, 1 non-conformance found, 2 usage or tool error, 3 inconclusive.
")
file(WRITE ${OUT} "${page}")
