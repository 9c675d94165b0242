// Entry of the staff app bundle (dist/widgets/slims-crm-admin.js): defines <slims-crm-admin> and its
// views, guarded against a second load. chart.js (about 60 KB gzip even tree-shaken) is a lazy chunk
// that only the results view asks for; only the parts it draws are registered.
import { define } from '../shared/define.ts';
import { AdminBuilder } from './builder.ts';
import { provideChart } from './charts.ts';
import { AdminEmbed } from './embed.ts';
import { AdminList } from './list.ts';
import { AdminResults } from './results.ts';
import { AdminSignIn } from './signin.ts';
import { SlimsCrmAdmin } from './slims-crm-admin.ts';

provideChart(async () => {
  const { BarController, BarElement, CategoryScale, Chart, Filler, LineController, LineElement, LinearScale, PointElement, Tooltip } =
    await import('chart.js');
  Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Filler);
  return Chart;
});

define('slims-crm-admin-signin', AdminSignIn);
define('slims-crm-admin-list', AdminList);
define('slims-crm-admin-builder', AdminBuilder);
define('slims-crm-admin-results', AdminResults);
define('slims-crm-admin-embed', AdminEmbed);
define('slims-crm-admin', SlimsCrmAdmin);

export { SlimsCrmAdmin };
