import { parseQuantity } from './src/model/quantity.ts';
const t = process.argv.slice(2);
for (const x of ['100 개','50 EA','10 인치','500 L/월','12 개월','2 주','300 kg/년','1 000 L','< 0.25 EU/mL','0.2 um ± 10%','28.8 cu ft','300 rpm','220 V','60 Hz','-40 to -86 °C','0-14 pH','pH 7.0','150 MM','1 ML','1 Kg','1 KG','1 ton','1 short ton','±0.1 ℃','0.1 degC','Δ 0.5 °C','60 g/L 이상','5 unit^2/year','5 unit^1000000/month','1e308 kg','1 T','5 S','5 Ml','5 ml','5 UM','NMT 5 EU/mL','3월','1 l','2 mS/cm','5 min','5 MIN','10 KPA', '10 PA','5 H', '10 L/min', '1.5S','316L','2R','2D','30 °C ± 0.5'])
{ const r = parseQuantity(x); console.log(JSON.stringify(x), r.ok ? JSON.stringify(r.quantity) : r.code + ': ' + r.message); }
