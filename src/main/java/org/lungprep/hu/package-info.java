/**
 * Hounsfield units: per-slice rescale of stored DICOM values, padding outside the field of view to air.
 */
package org.lungprep.hu;
