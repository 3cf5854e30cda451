/**
 * The small vocabulary every LungPrep package shares: the {@link org.lungprep.core.Volume}
 * (an ImgLib2 image in x, y, z with its physical {@link org.lungprep.core.Geometry} and
 * {@link org.lungprep.core.VolumeInfo}), {@link org.lungprep.core.Connectivity},
 * {@link org.lungprep.core.ProgressListener} and the project's exception types.
 * <p>
 * Conventions: image axes are (x, y, z) = (columns, rows, slices). Physical coordinates are
 * DICOM patient coordinates (LPS: +x to the patient's left, +y posterior, +z head) in mm.
 * Everything that is printed or written for numpy users is in (z, y, x) order instead, and says so.
 * Volumes made by LungPrep are backed by {@link net.imglib2.img.planar.PlanarImg} (one primitive
 * array per z slice), the same layout as an ImageJ stack, so conversion to ImageJ needs no copy.
 */
package org.lungprep.core;
