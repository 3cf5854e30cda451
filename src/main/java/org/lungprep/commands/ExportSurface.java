package org.lungprep.commands;

import java.io.File;
import java.io.IOException;

import org.lungprep.ij1.ImagePlusVolumes;
import org.lungprep.mesh.MarchingCubes;
import org.lungprep.mesh.MeshWriter;
import org.lungprep.mesh.TriangleMesh;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.IJ;
import ij.ImagePlus;

/** Export Surface...: the marching-cubes surface as binary STL, binary PLY or OBJ (by extension), in LPS mm. */
@Plugin(type = Command.class, label = "Export Surface")
public class ExportSurface extends CtCommand {

	@Parameter(label = "CT", description = "16-bit CT stack in HU", validater = "validateInput")
	public ImagePlus input;

	@Parameter(label = "Threshold (HU)", description = "400 = bone, -300 = body")
	public double threshold = 400;

	@Parameter(label = "Step (voxels)", min = "1", max = "16")
	public int step = 1;

	@Parameter(label = "File", description = "Mesh file: .stl, .ply or .obj", style = "save")
	public File file;

	protected void validateInput() {
		checkCt(input);
	}

	@Override
	public void run() {
		if (!checkCt(input)) return;
		if (file == null) {
			cancel("No output file given");
			return;
		}
		final TriangleMesh mesh = MarchingCubes.extract(ImagePlusVolumes.huVolume(input), threshold, Math.max(1, step), new org.lungprep.ij1.IJProgress());
		if (mesh.isEmpty()) {
			cancel("No surface at " + threshold + " HU in " + input.getTitle());
			return;
		}
		try {
			MeshWriter.write(mesh, file.toPath());
			IJ.log("LungPrep: " + mesh.triangleCount() + " triangles written to " + file);
		}
		catch (final IOException | IllegalArgumentException e) {
			cancel(e.getMessage());
		}
	}
}
