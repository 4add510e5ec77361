// Progressive enhancement: GOV.UK Frontend's components. Pages work without it.
import { initAll } from '/static/govuk-frontend.min.js';
document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
