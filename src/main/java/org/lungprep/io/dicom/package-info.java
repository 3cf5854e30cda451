/**
 * DICOM without ImageJ or dcm4che: a tolerant, bounds-checked parser ({@link org.lungprep.io.dicom.DicomParser}), a
 * header-only folder scan grouping files into series ({@link org.lungprep.io.dicom.DicomScanner}), and a series reader
 * that orders slices along the slice normal, derives spacing from the positions, reports uneven spacing, missing and
 * duplicate slices and gantry tilt, and reads the stored pixel values ({@link org.lungprep.io.dicom.DicomSeriesReader}).
 * Compressed pixel data go through {@link org.lungprep.io.dicom.codec.PixelDecoders}.
 */
package org.lungprep.io.dicom;
