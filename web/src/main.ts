// The dashboard's entry point: styles, routes, and the router.
import './styles.css';
import { startSession } from './auth/session';
import { comparePage } from './pages/compare-page';
import { datasetPage } from './pages/dataset-page';
import { datasetsPage } from './pages/datasets-page';
import { newRunPage } from './pages/new-run-page';
import { runDetailPage } from './pages/run-detail-page';
import { runsPage } from './pages/runs-page';
import { route, startRouter } from './router';

route('/datasets', 'datasets', 'Datasets', datasetsPage);
route('/datasets/:id', 'datasets', 'Dataset', datasetPage);
route('/runs/new', 'new-run', 'New run', newRunPage);
route('/runs', 'runs', 'Runs', runsPage);
route('/runs/:id', 'runs', 'Run', runDetailPage);
route('/compare', 'compare', 'Compare', comparePage);

startSession();
startRouter(document.getElementById('main')!);
