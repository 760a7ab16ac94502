import { z } from 'zod';
import { BuyerSchema } from './buyer.js';
import { DatasetMetaSchema, DatasetSchema } from './dataset.js';
import { DecisionSchema } from './decision.js';
import { CategorySchema, ItemSchema } from './item.js';
import { SupplierSchema } from './supplier.js';
import { TruthLabelSchema } from './truth.js';

/** The files of a dataset directory that have a JSON Schema. */
export type DatasetFileName = 'dataset' | 'meta' | 'categories' | 'extra-categories' | 'items' | 'suppliers' | 'buyers' | 'truth' | 'decisions';

/**
 * JSON Schemas (draft 2020-12) of every dataset file, generated from the zod schemas so that
 * they never drift: `items.json` is an array of items, and so on; `dataset` is the whole object.
 * They describe the input as written (quantities as text), for editors and other tools.
 *
 * @example
 * const schemas = datasetJsonSchemas();
 * schemas.items.type; // => 'array'
 */
export function datasetJsonSchemas(): Record<DatasetFileName, Record<string, unknown>> {
  const of = (schema: z.ZodType, title: string): Record<string, unknown> => ({
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
    title,
  });
  return {
    dataset: of(DatasetSchema, 'supplymatch dataset'),
    meta: of(DatasetMetaSchema, 'supplymatch meta.json'),
    categories: of(z.array(CategorySchema), 'supplymatch categories.json'),
    'extra-categories': of(z.array(CategorySchema), 'supplymatch extra-categories.json'),
    items: of(z.array(ItemSchema), 'supplymatch items.json'),
    suppliers: of(z.array(SupplierSchema), 'supplymatch suppliers.json'),
    buyers: of(z.array(BuyerSchema), 'supplymatch buyers.json'),
    truth: of(z.array(TruthLabelSchema), 'supplymatch truth.json'),
    decisions: of(z.array(DecisionSchema), 'supplymatch decisions.json'),
  };
}
