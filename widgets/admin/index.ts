// Entry of the staff app bundle (dist/widgets/slims-crm-admin.js): defines <slims-crm-admin> and its
// views, guarded against a second load. chart.js (about 60 KB gzip even tree-shaken) is a lazy chunk
// that only the results and measures views ask for; only the parts they draw are registered.
import { define } from '../shared/define.ts';
import { AdminBuilder } from './builder.ts';
import { provideChart } from './charts.ts';
import { AdminEmbed } from './embed.ts';
import { AdminFeedbackInbox } from './feedback-inbox.ts';
import { AdminFeedbackItem } from './feedback-item.ts';
import { AdminFeedbackMeasures } from './feedback-measures.ts';
import { AdminList } from './list.ts';
import { AdminMemberProfile } from './member-profile.ts';
import { AdminMembers } from './members.ts';
import { AdminPlacements } from './placements.ts';
import { AdminResults } from './results.ts';
import { AdminSegments } from './segments.ts';
import { AdminSignIn } from './signin.ts';
import { AdminTiers } from './tiers.ts';
import { SlimsCrmAdmin } from './slims-crm-admin.ts';

provideChart(async () => {
  const {
    BarController,
    BarElement,
    CategoryScale,
    Chart,
    Filler,
    Legend,
    LineController,
    LineElement,
    LinearScale,
    PointElement,
    Tooltip,
  } = await import('chart.js');
  Chart.register(
    BarController,
    BarElement,
    LineController,
    LineElement,
    PointElement,
    CategoryScale,
    LinearScale,
    Tooltip,
    Filler,
    Legend,
  );
  return Chart;
});

define('slims-crm-admin-signin', AdminSignIn);
define('slims-crm-admin-list', AdminList);
define('slims-crm-admin-builder', AdminBuilder);
define('slims-crm-admin-results', AdminResults);
define('slims-crm-admin-embed', AdminEmbed);
define('slims-crm-admin-feedback', AdminFeedbackInbox);
define('slims-crm-admin-feedback-item', AdminFeedbackItem);
define('slims-crm-admin-feedback-measures', AdminFeedbackMeasures);
define('slims-crm-admin-placements', AdminPlacements);
define('slims-crm-admin-members', AdminMembers);
define('slims-crm-admin-member', AdminMemberProfile);
define('slims-crm-admin-tiers', AdminTiers);
define('slims-crm-admin-segments', AdminSegments);
define('slims-crm-admin', SlimsCrmAdmin);

export { SlimsCrmAdmin };
