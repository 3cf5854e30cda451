package org.lungprep.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;


import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;
import org.lungprep.io.png.PngWriter;
import org.lungprep.mesh.ColoredMesh;
import org.lungprep.mesh.MarchingCubes;
import org.lungprep.mesh.MeshRenderer;
import org.lungprep.mesh.MeshWriter;
import org.lungprep.mesh.RenderSettings;
import org.lungprep.mesh.TriangleMesh;
import org.lungprep.pipeline.CtLoader;

import net.imglib2.type.numeric.integer.ShortType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code surface <input> --threshold 400}: a marching-cubes surface as a mesh file and/or a picture. */
@Command(name = "surface", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
	description = { "Extract the iso-surface of a CT at a HU threshold (400 = bone, -300 = body) with marching cubes,",
		"in LPS millimetres; write it as .stl/.ply/.obj and/or render it to a PNG (no display needed)." })
final class SurfaceCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "INPUT", description = "DICOM folder or file, .mhd/.mha, .nii/.nii.gz")
	Path input;

	@Option(names = "--threshold", description = "Iso-value in HU (default: ${DEFAULT-VALUE}).", defaultValue = "400")
	double threshold;

	@Option(names = "--step", description = "Sampling step in voxels, > 1 coarsens like skimage's step_size (default: ${DEFAULT-VALUE}).", defaultValue = "1")
	int step;

	@Option(names = "--out", paramLabel = "MESH", description = "Mesh file: .stl (binary), .ply (binary) or .obj.")
	Path mesh;

	@Option(names = "--png", paramLabel = "PNG", description = "Rendered picture (head at the top, facing the viewer).")
	Path png;

	@Option(names = "--size", description = "Picture size in pixels (default: ${DEFAULT-VALUE}).", defaultValue = "800")
	int size;

	@Mixin
	LoadMixin load;

	@Option(names = "--overwrite", description = "Replace existing output files.")
	boolean overwrite;


	@Override
	public Integer call() throws Exception {
		if (mesh == null && png == null) throw new IllegalArgumentException("give --out MESH and/or --png PNG");
		if (step < 1) throw new IllegalArgumentException("--step must be >= 1, got " + step);
		if (size < 16 || size > 8192) throw new IllegalArgumentException("--size must be 16..8192, got " + size);
		for (final Path p : new Path[] { mesh, png })
			if (p != null && Files.exists(p) && !overwrite) throw new IOException(p + ": exists (use --overwrite to replace it)");
		final TerminalProgress progress = new TerminalProgress(System.err, false);
		final Volume<ShortType> hu = CtLoader.load(input, load.toLoadOptions(), progress.range(0, 0.4));
		final long t0 = System.nanoTime();
		final TriangleMesh m = MarchingCubes.extract(hu, threshold, step, progress.range(0.4, 0.9));
		final double mcSeconds = (System.nanoTime() - t0) / 1e9;
		if (m.triangleCount() == 0) throw new IOException(input + ": no surface at " + threshold + " HU (every voxel is on one side)");
		if (mesh != null) {
			final Path tmp = sibling(mesh);
			MeshWriter.write(m, tmp);
			org.lungprep.pipeline.AtomicFiles.move(tmp, mesh);
		}
		if (png != null) {
			final Path tmp = sibling(png);
			PngWriter.write(MeshRenderer.renderPixels(List.of(new ColoredMesh(m, 0xEBE1C8)), RenderSettings.DEFAULT.withSize(size, size)), tmp);
			org.lungprep.pipeline.AtomicFiles.move(tmp, png);
		}
		progress.progress("done", 1);
		System.out.println(String.format(Locale.ROOT, "surface at %.0f HU: %d triangles, %d vertices (%.2f s)%s%s", threshold, m.triangleCount(), m.vertexCount(), mcSeconds,
			mesh == null ? "" : "\nmesh    " + mesh.toAbsolutePath(), png == null ? "" : "\npicture " + png.toAbsolutePath()));
		return 0;
	}

	private static Path sibling(final Path p) throws IOException {
		final Path parent = p.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		final String name = p.getFileName().toString();
		final int dot = name.indexOf('.');
		return parent.resolve("." + name.substring(0, Math.max(dot, 0)) + "-" + System.nanoTime() + (dot >= 0 ? name.substring(dot) : ""));
	}

}
