package org.lungprep.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.Geometry;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeInfo;
import org.lungprep.mesh.MarchingCubes;
import org.lungprep.mesh.TriangleMesh;

/**
 * The 3D Viewer bridge against stand-ins of Fiji's classes with the real API's shape (Image3DUniverse has two
 * three-argument addTriangleMesh methods: one colour, or a colour per vertex), compiled here and offered through the
 * context class loader as Fiji's plugin class loader would.
 */
class Viewer3DTest {

	@TempDir
	Path tmp;

	private static final Map<String, String> FAKES = Map.of(
		"org/scijava/vecmath/Point3f.java", "package org.scijava.vecmath; public class Point3f { public float x, y, z;"
			+ " public Point3f(float x, float y, float z) { this.x = x; this.y = y; this.z = z; } }",
		"org/scijava/vecmath/Color3f.java", "package org.scijava.vecmath; public class Color3f { public float x, y, z;"
			+ " public Color3f(float x, float y, float z) { this.x = x; this.y = y; this.z = z; } }",
		"ij3d/Image3DUniverse.java", "package ij3d; import java.util.List; import org.scijava.vecmath.*;"
			+ " public class Image3DUniverse { public static List<Object> calls = new java.util.ArrayList<>();"
			+ " public Object show() { calls.add(\"show\"); return null; }"
			+ " public Object addTriangleMesh(List<Point3f> mesh, List<Color3f> colors, String name) { throw new IllegalStateException(\"colour per vertex\"); }"
			+ " public Object addTriangleMesh(List<Point3f> mesh, Color3f color, String name) { calls.add(name); calls.add(mesh.size()); calls.add(color.x);"
			+ " calls.add(mesh.get(1).x); return null; } }");

	@Test
	void showsTheMeshWithOneColourInFijisViewer() throws Exception {
		assertFalse(Viewer3D.available(), "no 3D Viewer on the test class path");
		final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		assertNotNull(javac, "tests run on a JDK");
		final List<String> args = new ArrayList<>(List.of("-d", tmp.resolve("classes").toString()));
		for (final Map.Entry<String, String> e : FAKES.entrySet()) {
			final Path src = tmp.resolve("src").resolve(e.getKey());
			Files.createDirectories(src.getParent());
			Files.writeString(src, e.getValue());
			args.add(src.toString());
		}
		assertEquals(0, javac.run(null, null, null, args.toArray(new String[0])));
		final Thread t = Thread.currentThread();
		final ClassLoader old = t.getContextClassLoader();
		try (URLClassLoader fiji = new URLClassLoader(new URL[] { tmp.resolve("classes").toUri().toURL() }, getClass().getClassLoader())) {
			t.setContextClassLoader(fiji);
			assertTrue(Viewer3D.available());
			// a single bright voxel: a small closed surface
			final net.imglib2.img.planar.PlanarImg<net.imglib2.type.numeric.real.FloatType, ?> img = org.lungprep.core.Planar.floats(3, 3, 3);
			((float[]) org.lungprep.core.Planar.plane(img, 1))[4] = 1;
			final TriangleMesh mesh = MarchingCubes.extract(new Volume<>(img, Geometry.of(1, 1, 1), VolumeInfo.ofSource("test")), 0.5, 1,
				org.lungprep.core.ProgressListener.NONE);
			assertTrue(mesh.triangleCount() > 0);
			Viewer3D.show(mesh, "bone", 0xff0000);
			@SuppressWarnings("unchecked")
			final List<Object> calls = (List<Object>) fiji.loadClass("ij3d.Image3DUniverse").getField("calls").get(null);
			// shown, then one call with the name, three points per triangle, red, and the corners' coordinates
			assertEquals(List.of("show", "bone", 3 * mesh.triangleCount(), 1f, mesh.triangleCorners()[3]), calls);
		}
		finally {
			t.setContextClassLoader(old);
		}
		assertFalse(Viewer3D.available());
	}
}
