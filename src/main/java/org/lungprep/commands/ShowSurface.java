package org.lungprep.commands;

import java.awt.GraphicsEnvironment;

import org.lungprep.ij1.ImagePlusVolumes;
import org.lungprep.ij1.SurfacePictures;
import org.lungprep.ij1.Viewer3D;
import org.lungprep.mesh.MarchingCubes;
import org.lungprep.mesh.TriangleMesh;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * Show Surface in 3D...: the marching-cubes surface at a HU threshold in Fiji's 3D Viewer when it is installed; else
 * (plain ImageJ, headless) a rendered picture or turntable stack as the output image.
 */
@Plugin(type = Command.class, label = "Show Surface in 3D")
public class ShowSurface extends CtCommand {

	@Parameter(label = "CT", description = "16-bit CT stack in HU", validater = "validateInput")
	public ImagePlus input;

	@Parameter(label = "Threshold (HU)", description = "400 = bone, -300 = body")
	public double threshold = 400;

	@Parameter(label = "Step (voxels)", description = "1 = full resolution; larger is coarser and faster", min = "1", max = "16")
	public int step = 2;

	@Parameter(label = "Turntable frames", description = "Picture fallback only: 0 = one view, else a rotation stack", min = "0", max = "360")
	public int turntable = 0;

	@Parameter(type = ItemIO.OUTPUT, required = false)
	public ImagePlus output;

	protected void validateInput() {
		checkCt(input);
	}

	@Override
	public void run() {
		if (!checkCt(input)) return;
		if (step < 1 || turntable < 0) {
			cancel("Step must be >= 1 and turntable >= 0");
			return;
		}
		final TriangleMesh mesh = MarchingCubes.extract(ImagePlusVolumes.huVolume(input), threshold, step, new org.lungprep.ij1.IJProgress());
		if (mesh.isEmpty()) {
			cancel("No surface at " + threshold + " HU in " + input.getTitle());
			return;
		}
		if (!GraphicsEnvironment.isHeadless() && Viewer3D.available()) {
			try {
				Viewer3D.show(mesh, input.getTitle() + " " + (int) threshold + " HU", SurfacePictures.BONE);
				return;
			}
			catch (final ReflectiveOperationException e) {
				org.scijava.log.LogService log = context().getService(org.scijava.log.LogService.class);
				if (log != null) log.warn("Fiji's 3D Viewer could not be used (" + e + "); showing a picture instead");
			}
		}
		output = SurfacePictures.picture(mesh, input.getTitle(), turntable);
	}
}
