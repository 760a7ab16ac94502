/**
 * supplymatch/xlsx: datasets read from Excel workbooks, results written to them. A separate
 * entry point, so that other entries do not bundle the workbook library.
 *
 * @example
 * import { readXlsxDataset, rowsToXlsx } from 'supplymatch/xlsx';
 */
export { XLSX_HEADER_ALIASES, safeReadXlsxDataset, readXlsxDataset, rowsToXlsx, datasetToXlsx, type ReadXlsxOptions } from './xlsx.js';
