package org.lungprep.io.dicom;

import java.nio.file.Path;

/**
 * What the series logic needs from one image file (or one frame of a multi-frame file), read from its header.
 */
final class SliceHeader {
	final Path file;
	final int frame;
	final int frameCount;
	final String transferSyntax;
	final String sopClass;
	final String seriesUid;
	final String seriesNumber;
	final String description;
	final String modality;
	final String patientId;
	final int instanceNumber;
	final int rows;
	final int columns;
	final int bitsAllocated;
	final int bitsStored;
	final int highBit;
	final boolean signed;
	final int samplesPerPixel;
	final String photometric;
	final double[] position;
	final double[] orientation;
	final double[] pixelSpacing;
	final double sliceThickness;
	final double gantryTilt;
	final double slope;
	final double intercept;
	final Integer paddingValue;
	final Integer paddingRangeLimit;

	SliceHeader(final Path file, final int frame, final int frameCount, final String transferSyntax, final String sopClass, final String seriesUid,
		final String seriesNumber, final String description, final String modality, final String patientId, final int instanceNumber, final int rows,
		final int columns, final int bitsAllocated, final int bitsStored, final int highBit, final boolean signed, final int samplesPerPixel,
		final String photometric, final double[] position, final double[] orientation, final double[] pixelSpacing, final double sliceThickness,
		final double gantryTilt, final double slope, final double intercept, final Integer paddingValue, final Integer paddingRangeLimit)
	{
		this.file = file;
		this.frame = frame;
		this.frameCount = frameCount;
		this.transferSyntax = transferSyntax;
		this.sopClass = sopClass;
		this.seriesUid = seriesUid;
		this.seriesNumber = seriesNumber;
		this.description = description;
		this.modality = modality;
		this.patientId = patientId;
		this.instanceNumber = instanceNumber;
		this.rows = rows;
		this.columns = columns;
		this.bitsAllocated = bitsAllocated;
		this.bitsStored = bitsStored;
		this.highBit = highBit;
		this.signed = signed;
		this.samplesPerPixel = samplesPerPixel;
		this.photometric = photometric;
		this.position = position;
		this.orientation = orientation;
		this.pixelSpacing = pixelSpacing;
		this.sliceThickness = sliceThickness;
		this.gantryTilt = gantryTilt;
		this.slope = slope;
		this.intercept = intercept;
		this.paddingValue = paddingValue;
		this.paddingRangeLimit = paddingRangeLimit;
	}

	/** @return a name for messages: the file, plus the frame for multi-frame files */
	String name() {
		return frameCount > 1 ? file + " frame " + (frame + 1) : file.toString();
	}
}
