package org.lungprep.mesh;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link TriangleMesh} as binary STL, binary PLY or OBJ. Coordinates are LPS millimetres,
 * said in each file's header ({@code SPACE=LPS}, the tag 3D Slicer reads), so tools that assume RAS
 * can flip x and y.
 */
public final class MeshWriter {

	private static final int CHUNK = 1 << 16;

	private MeshWriter() { }

	/**
	 * Writes the mesh in the format of the file's extension (.stl, .ply or .obj).
	 *
	 * @param mesh the mesh
	 * @param file the output file (replaced if it exists)
	 * @throws IOException naming the file when it cannot be written
	 */
	public static void write(final TriangleMesh mesh, final Path file) throws IOException {
		write(mesh, file, MeshFormat.of(file));
	}

	/** Writes the mesh in the given format whatever the file's name. */
	public static void write(final TriangleMesh mesh, final Path file, final MeshFormat format) throws IOException {
		if (mesh == null) throw new IllegalArgumentException("mesh is null");
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), CHUNK)) {
			switch (format) {
				case STL: writeStl(mesh, out); break;
				case PLY: writePly(mesh, out); break;
				case OBJ: writeObj(mesh, out); break;
				default: throw new IllegalArgumentException("unsupported mesh format " + format);
			}
		}
		catch (final IOException e) {
			throw new IOException("cannot write mesh " + file + ": " + e.getMessage(), e);
		}
	}

	private static void writeStl(final TriangleMesh m, final OutputStream out) throws IOException {
		final byte[] header = new byte[80];
		final byte[] text = "LungPrep binary STL SPACE=LPS units=mm".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(text, 0, header, 0, text.length);
		out.write(header);
		final ByteBuffer b = ByteBuffer.allocate(CHUNK * 2).order(ByteOrder.LITTLE_ENDIAN);
		b.putInt(m.triangleCount());
		final float[] v = m.vertices();
		final int[] t = m.triangles();
		for (int i = 0; i < t.length; i += 3) {
			if (b.remaining() < 50) flush(b, out);
			final int a = 3 * t[i], c = 3 * t[i + 1], d = 3 * t[i + 2];
			// facet normal from the winding (right-hand rule), as STL readers expect
			final float ux = v[c] - v[a], uy = v[c + 1] - v[a + 1], uz = v[c + 2] - v[a + 2];
			final float wx = v[d] - v[a], wy = v[d + 1] - v[a + 1], wz = v[d + 2] - v[a + 2];
			float nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx;
			if (nx * nx + ny * ny + nz * nz == 0) {
				// a degenerate sliver (a vertex on a grid point): take the mean vertex normal
				final float[] vn = m.normals();
				nx = vn[a] + vn[c] + vn[d];
				ny = vn[a + 1] + vn[c + 1] + vn[d + 1];
				nz = vn[a + 2] + vn[c + 2] + vn[d + 2];
			}
			final float l = (float) Math.sqrt(nx * nx + ny * ny + nz * nz);
			if (l > 0) {
				nx /= l;
				ny /= l;
				nz /= l;
			}
			b.putFloat(nx).putFloat(ny).putFloat(nz);
			for (final int p : new int[] { a, c, d })
				b.putFloat(v[p]).putFloat(v[p + 1]).putFloat(v[p + 2]);
			b.putShort((short) 0);
		}
		flush(b, out);
	}

	private static void writePly(final TriangleMesh m, final OutputStream out) throws IOException {
		final String header = "ply\nformat binary_little_endian 1.0\ncomment LungPrep SPACE=LPS units=mm\n" + "element vertex " + m.vertexCount()
			+ "\nproperty float x\nproperty float y\nproperty float z\nproperty float nx\nproperty float ny\nproperty float nz\n" + "element face "
			+ m.triangleCount() + "\nproperty list uchar int vertex_indices\nend_header\n";
		out.write(header.getBytes(StandardCharsets.US_ASCII));
		final ByteBuffer b = ByteBuffer.allocate(CHUNK * 2).order(ByteOrder.LITTLE_ENDIAN);
		final float[] v = m.vertices(), n = m.normals();
		for (int i = 0; i < v.length; i += 3) {
			if (b.remaining() < 24) flush(b, out);
			b.putFloat(v[i]).putFloat(v[i + 1]).putFloat(v[i + 2]).putFloat(n[i]).putFloat(n[i + 1]).putFloat(n[i + 2]);
		}
		final int[] t = m.triangles();
		for (int i = 0; i < t.length; i += 3) {
			if (b.remaining() < 13) flush(b, out);
			b.put((byte) 3).putInt(t[i]).putInt(t[i + 1]).putInt(t[i + 2]);
		}
		flush(b, out);
	}

	private static void writeObj(final TriangleMesh m, final OutputStream out) throws IOException {
		final Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), CHUNK);
		w.write("# LungPrep OBJ SPACE=LPS units=mm\n# " + m.vertexCount() + " vertices, " + m.triangleCount() + " triangles\n");
		final float[] v = m.vertices(), n = m.normals();
		final StringBuilder sb = new StringBuilder(64);
		for (int i = 0; i < v.length; i += 3) {
			sb.setLength(0);
			sb.append("v ").append(v[i]).append(' ').append(v[i + 1]).append(' ').append(v[i + 2]).append('\n');
			w.append(sb);
		}
		for (int i = 0; i < n.length; i += 3) {
			sb.setLength(0);
			sb.append("vn ").append(n[i]).append(' ').append(n[i + 1]).append(' ').append(n[i + 2]).append('\n');
			w.append(sb);
		}
		final int[] t = m.triangles();
		for (int i = 0; i < t.length; i += 3) {
			sb.setLength(0);
			sb.append('f');
			for (int k = 0; k < 3; k++) {
				final int id = t[i + k] + 1;
				sb.append(' ').append(id).append("//").append(id);
			}
			sb.append('\n');
			w.append(sb);
		}
		w.flush();
	}

	private static void flush(final ByteBuffer b, final OutputStream out) throws IOException {
		out.write(b.array(), 0, b.position());
		b.clear();
	}
}
