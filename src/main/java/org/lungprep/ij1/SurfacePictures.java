package org.lungprep.ij1;

import java.awt.image.BufferedImage;
import java.util.List;

import org.lungprep.mesh.ColoredMesh;
import org.lungprep.mesh.MeshRenderer;
import org.lungprep.mesh.RenderSettings;
import org.lungprep.mesh.TriangleMesh;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;

/** A surface as an ImageJ picture: one rendered view, or a turntable stack. */
public final class SurfacePictures {

	/** Bone colour. */
	public static final int BONE = 0xEBE1C8;

	private SurfacePictures() { }

	/** @return the rendered surface as an RGB image, or a turntable stack of frames views */
	public static ImagePlus picture(final TriangleMesh mesh, final String title, final int frames) {
		final List<ColoredMesh> meshes = List.of(new ColoredMesh(mesh, BONE));
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
