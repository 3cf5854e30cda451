package org.lungprep.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.Geometry;
import org.lungprep.core.ProgressListener;

/** Writes a sphere in each format and reads it back with small independent readers. */
class MeshWriterTest {

	@TempDir
	Path dir;

	private static TriangleMesh sphere() {
		final Geometry g = new Geometry(new double[] { 0.8, 0.9, 1.2 }, new double[] { -100, 50, 300 }, new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 });
		return MarchingCubes.extract(Phantoms.sample(30, 30, 24, g, Phantoms.ball(new double[] { -88, 63, 314 }, 9)), 0, 1, ProgressListener.NONE);
	}

	@Test
	void binaryStlHasEveryTriangleWithItsCorners() throws IOException {
		final TriangleMesh m = sphere();
		final Path f = dir.resolve("s.STL");
		MeshWriter.write(m, f);
		final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
		assertEquals(84 + 50L * m.triangleCount(), Files.size(f));
		assertTrue(new String(b.array(), 0, 80, StandardCharsets.US_ASCII).contains("SPACE=LPS"));
		b.position(80);
		assertEquals(m.triangleCount(), b.getInt());
		final float[] v = m.vertices();
		final int[] t = m.triangles();
		for (int i = 0; i < m.triangleCount(); i++) {
			final float nx = b.getFloat(), ny = b.getFloat(), nz = b.getFloat();
			assertEquals(1, Math.sqrt(nx * nx + ny * ny + nz * nz), 1e-3, "unit facet normal " + i);
			for (int k = 0; k < 3; k++)
				for (int d = 0; d < 3; d++) assertEquals(v[3 * t[3 * i + k] + d], b.getFloat(), 0f);
			assertEquals(0, b.getShort());
		}
		assertBounds(m.bounds(), readStlBounds(f));
	}

	@Test
	void binaryPlyReadsBackCountsVerticesNormalsAndFaces() throws IOException {
		final TriangleMesh m = sphere();
		final Path f = dir.resolve("s.ply");
		MeshWriter.write(m, f);
		final byte[] all = Files.readAllBytes(f);
		final String text = new String(all, StandardCharsets.US_ASCII);
		final int end = text.indexOf("end_header\n") + "end_header\n".length();
		final String header = text.substring(0, end);
		assertTrue(header.startsWith("ply\nformat binary_little_endian 1.0\n"));
		assertTrue(header.contains("element vertex " + m.vertexCount() + "\n"));
		assertTrue(header.contains("element face " + m.triangleCount() + "\n"));
		final ByteBuffer b = ByteBuffer.wrap(all, end, all.length - end).order(ByteOrder.LITTLE_ENDIAN);
		final float[] v = new float[3 * m.vertexCount()], n = new float[v.length];
		for (int i = 0; i < v.length; i += 3) {
			for (int d = 0; d < 3; d++) v[i + d] = b.getFloat();
			for (int d = 0; d < 3; d++) n[i + d] = b.getFloat();
		}
		final int[] t = new int[3 * m.triangleCount()];
		for (int i = 0; i < t.length; i += 3) {
			assertEquals(3, b.get());
			for (int k = 0; k < 3; k++) t[i + k] = b.getInt();
		}
		assertEquals(0, b.remaining());
		assertArrayEquals(m.vertices(), v, 0f);
		assertArrayEquals(m.normals(), n, 0f);
		assertArrayEquals(m.triangles(), t);
		final TriangleMesh back = TriangleMesh.of(v, n, t);
		assertTrue(back.edgeCounts().closedAndOriented());
	}

	@Test
	void objReadsBackWithOneBasedFaces() throws IOException {
		final TriangleMesh m = sphere();
		final Path f = dir.resolve("s.obj");
		MeshWriter.write(m, f);
		final List<String> lines = Files.readAllLines(f);
		final float[] v = new float[3 * m.vertexCount()];
		final int[] t = new int[3 * m.triangleCount()];
		int nv = 0, nn = 0, nf = 0;
		for (final String l : lines) {
			final String[] p = l.split(" ");
			if (p[0].equals("v")) for (int d = 0; d < 3; d++) v[nv++] = Float.parseFloat(p[1 + d]);
			else if (p[0].equals("vn")) nn++;
			else if (p[0].equals("f")) for (int k = 0; k < 3; k++) t[nf++] = Integer.parseInt(p[1 + k].split("//")[0]) - 1;
		}
		assertEquals(3 * m.vertexCount(), nv);
		assertEquals(m.vertexCount(), nn);
		assertEquals(3 * m.triangleCount(), nf);
		assertArrayEquals(m.vertices(), v, 0f);
		assertArrayEquals(m.triangles(), t);
		assertBounds(m.bounds(), TriangleMesh.of(v, null, t).bounds());
	}

	@Test
	void unknownExtensionIsRefusedByName() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MeshWriter.write(sphere(), dir.resolve("s.vtk")));
		assertTrue(e.getMessage().contains("s.vtk"), e.getMessage());
		final IOException io = assertThrows(IOException.class, () -> MeshWriter.write(sphere(), dir.resolve("missing/dir/s.stl")));
		assertTrue(io.getMessage().contains("s.stl"), io.getMessage());
	}

	private static double[] readStlBounds(final Path f) throws IOException {
		final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
		b.position(80);
		final int n = b.getInt();
		final double[] bb = { Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE };
		for (int i = 0; i < n; i++) {
			b.position(b.position() + 12);
			for (int k = 0; k < 3; k++)
				for (int d = 0; d < 3; d++) {
					final float x = b.getFloat();
					bb[d] = Math.min(bb[d], x);
					bb[d + 3] = Math.max(bb[d + 3], x);
				}
			b.getShort();
		}
		return bb;
	}

	private static void assertBounds(final double[] expected, final double[] actual) {
		// the sphere: centre (-88, 63, 314) mm, radius 9
		assertEquals(-97, expected[0], 0.1);
		assertEquals(323, expected[5], 0.1);
		assertArrayEquals(expected, actual, 1e-6);
	}
}
