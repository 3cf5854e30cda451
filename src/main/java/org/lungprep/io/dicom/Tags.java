package org.lungprep.io.dicom;

/** The DICOM tags LungPrep reads, as {@code group << 16 | element}. */
final class Tags {

	private Tags() { }

	static final int TRANSFER_SYNTAX = 0x00020010;
	static final int MEDIA_SOP_CLASS = 0x00020002;
	static final int MEDIA_SOP_INSTANCE = 0x00020003;
	static final int DIRECTORY_RECORDS = 0x00041220;
	static final int IMAGE_TYPE = 0x00080008;
	static final int SOP_CLASS = 0x00080016;
	static final int SOP_INSTANCE = 0x00080018;
	static final int MODALITY = 0x00080060;
	static final int SERIES_DESCRIPTION = 0x0008103E;
	static final int PATIENT_ID = 0x00100020;
	static final int SLICE_THICKNESS = 0x00180050;
	static final int GANTRY_TILT = 0x00181120;
	static final int STUDY_UID = 0x0020000D;
	static final int SERIES_UID = 0x0020000E;
	static final int SERIES_NUMBER = 0x00200011;
	static final int INSTANCE_NUMBER = 0x00200013;
	static final int IMAGE_POSITION = 0x00200032;
	static final int IMAGE_ORIENTATION = 0x00200037;
	static final int SAMPLES_PER_PIXEL = 0x00280002;
	static final int PHOTOMETRIC = 0x00280004;
	static final int PLANAR_CONFIGURATION = 0x00280006;
	static final int NUMBER_OF_FRAMES = 0x00280008;
	static final int ROWS = 0x00280010;
	static final int COLUMNS = 0x00280011;
	static final int PIXEL_SPACING = 0x00280030;
	static final int BITS_ALLOCATED = 0x00280100;
	static final int BITS_STORED = 0x00280101;
	static final int HIGH_BIT = 0x00280102;
	static final int PIXEL_REPRESENTATION = 0x00280103;
	static final int PIXEL_PADDING_VALUE = 0x00280120;
	static final int PIXEL_PADDING_RANGE_LIMIT = 0x00280121;
	static final int RESCALE_INTERCEPT = 0x00281052;
	static final int RESCALE_SLOPE = 0x00281053;
	static final int SHARED_FUNCTIONAL_GROUPS = 0x52009229;
	static final int PER_FRAME_FUNCTIONAL_GROUPS = 0x52009230;
	static final int PIXEL_MEASURES = 0x00289110;
	static final int PLANE_POSITION = 0x00209113;
	static final int PLANE_ORIENTATION = 0x00209116;
	static final int PIXEL_VALUE_TRANSFORMATION = 0x00289145;
	static final int PIXEL_DATA = 0x7FE00010;
	static final int ITEM = 0xFFFEE000;
	static final int ITEM_DELIMITATION = 0xFFFEE00D;
	static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

	/**
	 * Tags known to be sequences, for implicit VR files (where the VR is not in the file). Only those whose content
	 * LungPrep reads need to be here; other sequences of defined length are skipped as opaque values.
	 */
	static boolean isKnownSequence(final int tag) {
		switch (tag) {
			case SHARED_FUNCTIONAL_GROUPS:
			case PER_FRAME_FUNCTIONAL_GROUPS:
			case PIXEL_MEASURES:
			case PLANE_POSITION:
			case PLANE_ORIENTATION:
			case PIXEL_VALUE_TRANSFORMATION:
			case DIRECTORY_RECORDS:
				return true;
			default:
				return false;
		}
	}

	/** @return "(gggg,eeee)" */
	static String toString(final int tag) {
		return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
	}
}
