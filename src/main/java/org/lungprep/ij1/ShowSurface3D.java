package org.lungprep.ij1;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.util.List;

import org.lungprep.core.CancelledException;
import org.lungprep.core.Volume;
import org.lungprep.mesh.ColoredMesh;
import org.lungprep.mesh.MarchingCubes;
import org.lungprep.mesh.MeshRenderer;
import org.lungprep.mesh.RenderSettings;
import org.lungprep.mesh.TriangleMesh;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import ij.process.ColorProcessor;
import net.imglib2.type.numeric.integer.ShortType;

/**
 * Plugins › LungPrep › Show Surface in 3D...: the marching-cubes surface of the current CT at a HU threshold, in Fiji's
 * 3D Viewer when it is installed, else as a rendered picture (one image, or a turntable stack) in plain ImageJ.
 * Macro: {@code run("Show Surface in 3D...", "threshold=400 step=2 turntable=0");}
 */
public final class ShowSurface3D implements PlugIn {

	@Override
	public void run(final String arg) {
		final ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null || imp.getStackSize() < 2 || imp.getBitDepth() != 16) {
			Errors.report("Show Surface in 3D", "open a CT stack in HU first (16-bit, several slices; e.g. with Open CT Series...)");
			return;
		}
		final GenericDialog gd = new GenericDialog("Show Surface in 3D");
		gd.addNumericField("threshold", 400, 0, 6, "HU (400 = bone, -300 = body)");
		gd.addNumericField("step", 2, 0, 3, "voxels (1 = full resolution)");
		gd.addNumericField("turntable", 0, 0, 3, "frames (picture fallback only; 0 = one view)");
		gd.showDialog();
		if (gd.wasCanceled()) return;
		final double threshold = gd.getNextNumber();
		final int step = (int) gd.getNextNumber(), frames = (int) gd.getNextNumber();
		if (step < 1 || frames < 0 || frames > 360 || Double.isNaN(threshold)) {
			Errors.report("Show Surface in 3D", "step must be >= 1 and turntable 0..360");
			return;
		}
		try {
			final TriangleMesh mesh = surface(imp, threshold, step);
			if (mesh.isEmpty()) {
				Errors.report("Show Surface in 3D", "no surface at " + threshold + " HU in " + imp.getTitle());
				return;
			}
			if (!GraphicsEnvironment.isHeadless() && Viewer3D.available()) Viewer3D.show(mesh, imp.getTitle() + " " + (int) threshold + " HU", 0xEBE1C8);
			else picture(mesh, imp.getTitle(), frames).show();
		}
		catch (final CancelledException e) {
			IJ.showStatus("LungPrep: cancelled");
		}
		catch (final Exception e) {
			Errors.report("Show Surface in 3D", e.getMessage() == null ? e.toString() : e.getMessage());
		}
		finally {
			IJ.showProgress(1.0);
		}
	}

	/** @return the surface of a HU image at the threshold, in LPS mm */
	static TriangleMesh surface(final ImagePlus imp, final double threshold, final int step) {
		final Volume<ShortType> hu = ImagePlusVolumes.huVolume(imp);
		return MarchingCubes.extract(hu, threshold, step, new IJProgress());
	}

	/** @return the rendered surface as an RGB image, or a turntable stack of frames views */
	static ImagePlus picture(final TriangleMesh mesh, final String title, final int frames) {
		final List<ColoredMesh> meshes = List.of(new ColoredMesh(mesh, 0xEBE1C8));
		if (frames <= 1) {
			final BufferedImage img = MeshRenderer.render(meshes, RenderSettings.DEFAULT.withSize(600, 600));
			return new ImagePlus(title + " surface", new ColorProcessor(img));
		}
		final ImageStack stack = new ImageStack(600, 600);
		for (final BufferedImage img : MeshRenderer.turntable(meshes, RenderSettings.DEFAULT.withSize(600, 600), frames))
			stack.addSlice(new ColorProcessor(img));
		return new ImagePlus(title + " surface", stack);
	}
}
