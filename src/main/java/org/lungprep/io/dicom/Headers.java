package org.lungprep.io.dicom;

import java.util.ArrayList;
import java.util.List;

import org.lungprep.core.VolumeIOException;

/** Turns a parsed file into slice headers, or says why it is not an image LungPrep can use. */
final class Headers {

	private Headers() { }

	static final String DICOMDIR_CLASS = "1.2.840.10008.1.3.10";

	/** @return why the file is not an image (for a note), or null when it is one */
	static String nonImageReason(final DicomFile f) {
		final DicomObject d = f.dataset();
		final String sop = d.string(Tags.SOP_CLASS);
		if (DICOMDIR_CLASS.equals(sop) || d.contains(Tags.DIRECTORY_RECORDS)) return "DICOMDIR (a directory of files, not an image)";
		if (sop.startsWith("1.2.840.10008.5.1.4.1.1.88")) return "structured report (SR), not an image";
		if (sop.startsWith("1.2.840.10008.5.1.4.1.1.481")) return "radiotherapy object (RT), not an image";
		if (!f.hasPixelData()) return "no pixel data" + (sop.isEmpty() ? "" : " (SOP class " + sop + ")");
		if (d.unsignedShort(Tags.ROWS, 0) == 0 || d.unsignedShort(Tags.COLUMNS, 0) == 0) return "no image size (Rows/Columns)";
		return null;
	}

	/**
	 * @return one header per frame (one for single-frame files)
	 * @throws VolumeIOException when the image attributes are unusable
	 */
	static List<SliceHeader> slices(final DicomFile f) throws VolumeIOException {
		final DicomObject d = f.dataset();
		final int rows = d.unsignedShort(Tags.ROWS, 0), cols = d.unsignedShort(Tags.COLUMNS, 0);
		final int bitsAllocated = d.unsignedShort(Tags.BITS_ALLOCATED, 16);
		final int bitsStored = d.unsignedShort(Tags.BITS_STORED, bitsAllocated);
		final int highBit = d.unsignedShort(Tags.HIGH_BIT, bitsStored - 1);
		final int rep = d.unsignedShort(Tags.PIXEL_REPRESENTATION, 0);
		final int spp = d.unsignedShort(Tags.SAMPLES_PER_PIXEL, 1);
		final String photometric = d.string(Tags.PHOTOMETRIC);
		if (bitsAllocated != 8 && bitsAllocated != 16)
			throw new VolumeIOException(f.path(), "BitsAllocated " + bitsAllocated + " is not supported (CT images use 16, or 8)");
		if (bitsStored < 1 || bitsStored > bitsAllocated) throw new VolumeIOException(f.path(), "BitsStored " + bitsStored + " does not fit BitsAllocated " + bitsAllocated);
		if (highBit != bitsStored - 1) throw new VolumeIOException(f.path(), "HighBit " + highBit + " with BitsStored " + bitsStored + " is not supported");
		if (spp != 1) throw new VolumeIOException(f.path(), "a colour image (" + spp + " samples per pixel, " + photometric + "), not a CT slice");
		final boolean signed = rep == 1;
		final int frames = Math.max(1, d.integer(Tags.NUMBER_OF_FRAMES, 1));
		final DicomObject shared = d.item(Tags.SHARED_FUNCTIONAL_GROUPS);
		final List<DicomObject> perFrame = d.items(Tags.PER_FRAME_FUNCTIONAL_GROUPS);
		final List<SliceHeader> out = new ArrayList<>(frames);
		for (int i = 0; i < frames; i++) {
			final DicomObject pf = i < perFrame.size() ? perFrame.get(i) : null;
			final double[] pos = pick(Tags.PLANE_POSITION, Tags.IMAGE_POSITION, pf, shared, d, 3);
			final double[] iop = pick(Tags.PLANE_ORIENTATION, Tags.IMAGE_ORIENTATION, pf, shared, d, 6);
			final double[] ps = pick(Tags.PIXEL_MEASURES, Tags.PIXEL_SPACING, pf, shared, d, 2);
			final double[] thick = pick(Tags.PIXEL_MEASURES, Tags.SLICE_THICKNESS, pf, shared, d, 1);
			final double[] slope = pick(Tags.PIXEL_VALUE_TRANSFORMATION, Tags.RESCALE_SLOPE, pf, shared, d, 1);
			final double[] icpt = pick(Tags.PIXEL_VALUE_TRANSFORMATION, Tags.RESCALE_INTERCEPT, pf, shared, d, 1);
			double s = slope == null ? 1 : slope[0];
			if (s == 0) s = 1; // a zero slope is a writer's error; the value is meant as "no scaling"
			out.add(new SliceHeader(f.path(), i, frames, f.transferSyntaxUid(), d.string(Tags.SOP_CLASS), d.string(Tags.SERIES_UID),
				d.string(Tags.SERIES_NUMBER), d.string(Tags.SERIES_DESCRIPTION), d.string(Tags.MODALITY), d.string(Tags.PATIENT_ID),
				d.integer(Tags.INSTANCE_NUMBER, 0), rows, cols, bitsAllocated, bitsStored, highBit, signed, spp, photometric, pos, iop, ps,
				thick == null ? Double.NaN : thick[0], d.decimal(Tags.GANTRY_TILT, 0), s, icpt == null ? 0 : icpt[0],
				d.pixelValue(Tags.PIXEL_PADDING_VALUE, signed), d.pixelValue(Tags.PIXEL_PADDING_RANGE_LIMIT, signed)));
		}
		return out;
	}

	/** A value from the per-frame functional group, else the shared one, else the top-level data set; null when absent. */
	private static double[] pick(final int macro, final int tag, final DicomObject perFrame, final DicomObject shared, final DicomObject top,
		final int count)
	{
		for (final DicomObject group : new DicomObject[] { perFrame, shared }) {
			if (group == null) continue;
			final DicomObject m = group.item(macro);
			if (m != null) {
				final double[] v = m.decimals(tag);
				if (v.length >= count) return v;
			}
		}
		final double[] v = top.decimals(tag);
		return v.length >= count ? v : null;
	}
}
