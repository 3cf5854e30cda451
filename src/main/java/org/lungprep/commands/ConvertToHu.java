package org.lungprep.commands;

import java.util.ArrayList;
import java.util.List;

import org.lungprep.core.Planar;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeInfo;
import org.lungprep.ij1.ImagePlusVolumes;
import org.lungprep.io.dicom.SliceOrder;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.ShortType;

/**
 * Convert to HU: a stack opened by ImageJ's own File › Import › Image Sequence (or any DICOM stack whose slice labels
 * hold the headers) to a LungPrep HU stack. ImageJ sorts DICOM slices by InstanceNumber and takes one spacing for all;
 * this re-derives the order along the slice normal and the spacing from each slice's ImagePositionPatient, keeps the
 * values ImageJ's calibration gives (HU), and says when the stack was mis-ordered.
 */
@Plugin(type = Command.class, label = "Convert to HU")
public class ConvertToHu extends CtCommand {

	@Parameter(label = "DICOM stack", description = "A 16-bit stack whose slice labels hold the DICOM headers (File > Import > Image Sequence)",
		validater = "validateInput")
	public ImagePlus input;

	@Parameter(type = ItemIO.OUTPUT)
	public ImagePlus output;

	protected void validateInput() {
		checkCt(input);
	}

	@Override
	public void run() {
		if (!checkCt(input)) return;
		final ImageStack stack = input.getStack();
		final int n = stack.getSize();
		final double[][] positions = new double[n][];
		final int[] instance = new int[n];
		double[] orientation = null, spacing = null;
		for (int i = 0; i < n; i++) {
			final String header = stack.getSliceLabel(i + 1);
			positions[i] = numbers(header, "0020,0032", 3);
			if (positions[i] == null) {
				cancel("Slice " + (i + 1) + " has no Image Position (Patient) in its label: open the series with Open CT Series... instead");
				return;
			}
			final double[] in = numbers(header, "0020,0013", 1);
			instance[i] = in == null ? i : (int) in[0];
			if (orientation == null) orientation = numbers(header, "0020,0037", 6);
			if (spacing == null) spacing = numbers(header, "0028,0030", 2);
		}
		final SliceOrder so = SliceOrder.of(positions, orientation, spacing, instance, input.getHeight(), input.getWidth());
		final int[] order = so.order();
		final Calibration cal = input.getCalibration();
		final PlanarImg<ShortType, ?> img = Planar.shorts(input.getWidth(), input.getHeight(), order.length);
		for (int k = 0; k < order.length; k++) {
			final short[] src = (short[]) stack.getPixels(order[k] + 1);
			final short[] dst = Planar.plane(img, k);
			for (int i = 0; i < src.length; i++)
				dst[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(cal.getCValue(src[i] & 0xFFFF))));
		}
		final List<String> warnings = new ArrayList<>(so.warnings());
		if (!so.wasOrdered()) warnings.add("the stack was not in position order (ImageJ sorts DICOM by InstanceNumber); slices reordered along the slice normal");
		for (final String w : warnings)
			IJ.log("LungPrep warning (" + input.getTitle() + "): " + w);
		final VolumeInfo info = VolumeInfo.ofSource(input.getTitle()).withModality("CT").withWarnings(warnings);
		output = ImagePlusVolumes.toImagePlus(new Volume<>(img, so.geometry(), info), input.getTitle() + " HU");
	}

	/** @return the numbers after "tag ... :" in a DICOM header text as ImageJ writes it, or null */
	static double[] numbers(final String header, final String tag, final int count) {
		if (header == null) return null;
		for (final String line : header.split("\n")) {
			if (!line.startsWith(tag)) continue;
			final int colon = line.indexOf(':');
			if (colon < 0) return null;
			final String[] parts = line.substring(colon + 1).trim().split("\\\\");
			if (parts.length < count) return null;
			final double[] v = new double[count];
			try {
				for (int i = 0; i < count; i++)
					v[i] = Double.parseDouble(parts[i].trim());
			}
			catch (final NumberFormatException e) {
				return null;
			}
			return v;
		}
		return null;
	}
}
