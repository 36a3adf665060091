import type { ProductionData } from './production-data.js';

/**
 * The LumiX production-planning tutorial data (steps 1 and 2: 3 products, 2 machines, 3 materials,
 * 6 recipes, 7 material requirements), the default of `seed`. Its optimum is $2,735.71
 * (2735.714285714286): 10 chairs, 5 tables, 59/7 desks.
 */
export const TUTORIAL_DATA: ProductionData = {
  products: [
    { id: 1, name: 'Chair', profit_per_unit: 45, min_demand: 10, max_demand: 100 },
    { id: 2, name: 'Table', profit_per_unit: 120, min_demand: 5, max_demand: 50 },
    { id: 3, name: 'Desk', profit_per_unit: 200, min_demand: 3, max_demand: 30 },
  ],
  machines: [
    { id: 1, name: 'Cutting Machine', available_hours: 80 },
    { id: 2, name: 'Assembly Station', available_hours: 100 },
  ],
  raw_materials: [
    { id: 1, name: 'Wood (board feet)', available_quantity: 500, cost_per_unit: 5 },
    { id: 2, name: 'Metal (pounds)', available_quantity: 200, cost_per_unit: 8 },
    { id: 3, name: 'Fabric (yards)', available_quantity: 150, cost_per_unit: 12 },
  ],
  production_recipes: [
    { id: 1, product_id: 1, machine_id: 1, hours_required: 0.5 },
    { id: 2, product_id: 1, machine_id: 2, hours_required: 1 },
    { id: 3, product_id: 2, machine_id: 1, hours_required: 1.5 },
    { id: 4, product_id: 2, machine_id: 2, hours_required: 2.5 },
    { id: 5, product_id: 3, machine_id: 1, hours_required: 2 },
    { id: 6, product_id: 3, machine_id: 2, hours_required: 3.5 },
  ],
  material_requirements: [
    { id: 1, product_id: 1, material_id: 1, quantity_required: 8 },
    { id: 2, product_id: 1, material_id: 2, quantity_required: 2 },
    { id: 3, product_id: 1, material_id: 3, quantity_required: 2 },
    { id: 4, product_id: 2, material_id: 1, quantity_required: 25 },
    { id: 5, product_id: 2, material_id: 2, quantity_required: 5 },
    { id: 6, product_id: 3, material_id: 1, quantity_required: 35 },
    { id: 7, product_id: 3, material_id: 2, quantity_required: 8 },
  ],
};
