# Compile-time constants shared by textual inclusion.
DEF BUFFER_SIZE = 16
DEF GREETING = "hello"
