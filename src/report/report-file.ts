/** File name of the report in a result folder. */
export const REPORT_FILE = "report.html";
