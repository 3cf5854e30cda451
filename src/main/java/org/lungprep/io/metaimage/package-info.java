/** MetaImage (.mhd + .raw/.zraw, .mha): the LUNA16 format, LPS like DICOM; TransformMatrix read as ITK reads it. */
package org.lungprep.io.metaimage;
