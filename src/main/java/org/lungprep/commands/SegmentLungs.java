package org.lungprep.commands;

import java.util.Locale;

import org.lungprep.ij1.IJProgress;
import org.lungprep.ij1.ImagePlusVolumes;
import org.lungprep.segment.LungSegmentation;
import org.lungprep.segment.LungSegmenter;
import org.lungprep.segment.SegmentSettings;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.IJ;
import ij.ImagePlus;

/** Segment Lungs...: an 8-bit lung mask (0/255) or labels (1 right, 2 left) on the CT's grid. */
@Plugin(type = Command.class, label = "Segment Lungs")
public class SegmentLungs extends CtCommand {

	@Parameter(label = "CT", description = "16-bit CT stack in HU", validater = "validateInput")
	public ImagePlus input;

	@Parameter(label = "Method", choices = { "robust", "tutorial" }, description = "robust: edges, trachea, left/right; tutorial: its exact steps")
	public String method = "robust";

	@Parameter(label = "Fill", description = "Fill lung structures (vessels, nodules at the pleura)")
	public boolean fill = true;

	@Parameter(label = "Labels", description = "1 = right lung, 2 = left lung instead of a 0/255 binary mask")
	public boolean labels = false;

	@Parameter(type = ItemIO.OUTPUT)
	public ImagePlus output;

	protected void validateInput() {
		checkCt(input);
	}

	@Override
	public void run() {
		if (!checkCt(input)) return;
		final SegmentSettings s = SegmentSettings.DEFAULT.withMethod(SegmentSettings.Method.valueOf(method.toUpperCase(Locale.ROOT))).withFill(fill);
		final LungSegmentation seg = LungSegmenter.segment(ImagePlusVolumes.huVolume(input), s, new IJProgress());
		final String sides = s.method() == SegmentSettings.Method.ROBUST ? String.format(Locale.ROOT, " (right %.0f, left %.0f)", seg.qc().rightMl(), seg.qc().leftMl()) : "";
		IJ.log(String.format(Locale.ROOT, "LungPrep lungs (%s): %.0f mL%s%s", input.getTitle(), seg.qc().totalMl(), sides,
			seg.qc().warnings().isEmpty() ? "" : "; " + String.join("; ", seg.qc().warnings())));
		output = labels ? ImagePlusVolumes.toLabelImagePlus(seg.labels(), input.getTitle() + " lungs")
			: ImagePlusVolumes.toBinaryImagePlus(seg.labels(), input.getTitle() + " lungs");
	}
}
