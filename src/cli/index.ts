export { buildProgram, main, EXIT_OK, EXIT_RUN_FAILURE, EXIT_BAD_INPUT } from "./program.js";
