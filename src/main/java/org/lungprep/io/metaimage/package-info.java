/** MetaImage (.mhd/.raw, .zraw, .mha): the LUNA16 format, LPS like DICOM. */
package org.lungprep.io.metaimage;
