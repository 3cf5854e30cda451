/**
 * Lung segmentation: connected components (run-based union-find, 2-D and 3-D connectivities), the tutorial's method
 * exactly, and a robust method (outside air from every lateral edge, airway removal, left/right labels, hole filling),
 * with QC measures.
 */
package org.lungprep.segment;
