package org.lungprep.mesh;

import java.util.Arrays;
import java.util.List;

/**
 * An indexed triangle mesh in physical millimetres (DICOM LPS): float vertex positions,
 * float per-vertex unit normals and int triangles (three vertex indices each, counter-clockwise
 * seen from outside, so the right-hand normal points out of the object).
 * <p>
 * Immutable by contract: the accessors hand out the backing arrays without copying, because
 * meshes of millions of triangles go straight to writers, renderers and the 3D Viewer; callers must
 * not modify them. {@link #of} copies and checks its input.
 */
public final class TriangleMesh {

	private final float[] vertices;
	private final float[] normals;
	private final int[] triangles;

	/** Takes ownership of the arrays without checks (package code that built them). */
	TriangleMesh(final float[] vertices, final float[] normals, final int[] triangles) {
		this.vertices = vertices;
		this.normals = normals;
		this.triangles = triangles;
	}

	/**
	 * A checked copy of the given arrays.
	 *
	 * @param vertices x, y, z per vertex (mm)
	 * @param normals x, y, z per vertex, or null to compute area-weighted normals from the triangles
	 * @param triangles three vertex indices per triangle
	 * @return the mesh
	 */
	public static TriangleMesh of(final float[] vertices, final float[] normals, final int[] triangles) {
		if (vertices == null || vertices.length % 3 != 0) throw new IllegalArgumentException("vertices need 3 floats each, got " + (vertices == null ? "null" : vertices.length + " floats"));
		if (triangles == null || triangles.length % 3 != 0) throw new IllegalArgumentException("triangles need 3 indices each, got " + (triangles == null ? "null" : triangles.length + " ints"));
		if (normals != null && normals.length != vertices.length) throw new IllegalArgumentException("normals need one per vertex: " + normals.length + " floats for " + vertices.length / 3 + " vertices");
		final int n = vertices.length / 3;
		for (final int t : triangles)
			if (t < 0 || t >= n) throw new IllegalArgumentException("triangle vertex index " + t + " outside 0.." + (n - 1));
		for (final float v : vertices)
			if (!Float.isFinite(v)) throw new IllegalArgumentException("vertex coordinate " + v + " is not finite");
		final float[] v = vertices.clone();
		final int[] t = triangles.clone();
		return new TriangleMesh(v, normals == null ? faceNormals(v, t) : normals.clone(), t);
	}

	/** @return a mesh with no triangles */
	public static TriangleMesh empty() { return new TriangleMesh(new float[0], new float[0], new int[0]); }

	/** Joins meshes into one (vertex indices of later meshes shifted). */
	public static TriangleMesh concat(final List<TriangleMesh> meshes) {
		int nv = 0, nt = 0;
		for (final TriangleMesh m : meshes) {
			nv += m.vertices.length;
			nt += m.triangles.length;
		}
		final float[] v = new float[nv], n = new float[nv];
		final int[] t = new int[nt];
		int ov = 0, ot = 0;
		for (final TriangleMesh m : meshes) {
			System.arraycopy(m.vertices, 0, v, ov, m.vertices.length);
			System.arraycopy(m.normals, 0, n, ov, m.normals.length);
			for (int i = 0; i < m.triangles.length; i++) t[ot + i] = m.triangles[i] + ov / 3;
			ov += m.vertices.length;
			ot += m.triangles.length;
		}
		return new TriangleMesh(v, n, t);
	}

	/** @return number of vertices */
	public int vertexCount() { return vertices.length / 3; }

	/** @return number of triangles */
	public int triangleCount() { return triangles.length / 3; }

	/** @return true when there are no triangles */
	public boolean isEmpty() { return triangles.length == 0; }

	/** @return the backing array x0, y0, z0, x1, ... in LPS mm (not a copy: do not modify) */
	public float[] vertices() { return vertices; }

	/** @return the backing array of unit normals, 3 per vertex, pointing out of the object (not a copy) */
	public float[] normals() { return normals; }

	/** @return the backing array of vertex indices, 3 per triangle (not a copy) */
	public int[] triangles() { return triangles; }

	/**
	 * The corners of every triangle in order, 9 floats per triangle (x, y, z of its three
	 * vertices): the unindexed form that Fiji's 3D Viewer ({@code CustomTriangleMesh}) and STL use.
	 *
	 * @return a new array
	 */
	public float[] triangleCorners() {
		final float[] out = new float[3 * triangles.length];
		for (int i = 0; i < triangles.length; i++) System.arraycopy(vertices, 3 * triangles[i], out, 3 * i, 3);
		return out;
	}

	/** @return {minX, minY, minZ, maxX, maxY, maxZ} in mm; NaN for an empty mesh */
	public double[] bounds() {
		final double[] b = { Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN };
		if (vertices.length == 0) return b;
		for (int d = 0; d < 3; d++) {
			b[d] = Double.POSITIVE_INFINITY;
			b[d + 3] = Double.NEGATIVE_INFINITY;
		}
		for (int i = 0; i < vertices.length; i++) {
			final int d = i % 3;
			b[d] = Math.min(b[d], vertices[i]);
			b[d + 3] = Math.max(b[d + 3], vertices[i]);
		}
		return b;
	}

	/** @return total surface area in mm² */
	public double area() {
		double a = 0;
		final double[] c = new double[3];
		for (int t = 0; t < triangles.length; t += 3) {
			cross(t, c);
			a += Math.sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]) / 2;
		}
		return a;
	}

	/**
	 * Signed enclosed volume in mm³ (divergence theorem); positive when the triangles face outwards.
	 * Meaningful for closed meshes.
	 */
	public double signedVolume() {
		double v = 0;
		for (int t = 0; t < triangles.length; t += 3) {
			final int a = 3 * triangles[t], b = 3 * triangles[t + 1], c = 3 * triangles[t + 2];
			final double ax = vertices[a], ay = vertices[a + 1], az = vertices[a + 2];
			final double bx = vertices[b], by = vertices[b + 1], bz = vertices[b + 2];
			final double cx = vertices[c], cy = vertices[c + 1], cz = vertices[c + 2];
			v += ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
		}
		return v / 6;
	}

	/** V − E + F (2 for a closed sphere-like surface, 0 for a torus). */
	public long eulerCharacteristic() {
		return (long) vertexCount() - EdgeCounts.of(this).edges + triangleCount();
	}

	/**
	 * Counts of undirected edges by how many triangles use them: a closed manifold surface has
	 * only edges used exactly twice, each once in each direction.
	 */
	public EdgeCounts edgeCounts() { return EdgeCounts.of(this); }

	/** Edge use statistics of a mesh, see {@link TriangleMesh#edgeCounts()}. */
	public static final class EdgeCounts {
		/** number of distinct undirected edges */
		public final long edges;
		/** edges used by exactly one triangle (holes, volume border) */
		public final long boundary;
		/** edges used by more than two triangles */
		public final long nonManifold;
		/** edges used twice but both times in the same direction (inconsistent orientation) */
		public final long misoriented;

		private EdgeCounts(final long edges, final long boundary, final long nonManifold, final long misoriented) {
			this.edges = edges;
			this.boundary = boundary;
			this.nonManifold = nonManifold;
			this.misoriented = misoriented;
		}

		/** @return true when every edge is shared by exactly two triangles in opposite directions */
		public boolean closedAndOriented() { return boundary == 0 && nonManifold == 0 && misoriented == 0; }

		static EdgeCounts of(final TriangleMesh m) {
			final int[] t = m.triangles;
			// directed edge keys (from << 32 | to), sorted, then grouped by undirected pair
			final long[] keys = new long[t.length];
			for (int i = 0; i < t.length; i += 3)
				for (int k = 0; k < 3; k++) {
					final long a = t[i + k], b = t[i + (k + 1) % 3];
					keys[i + k] = Math.min(a, b) << 33 | Math.max(a, b) << 1 | (a < b ? 0 : 1);
				}
			Arrays.parallelSort(keys);
			long edges = 0, boundary = 0, nonManifold = 0, misoriented = 0;
			for (int i = 0; i < keys.length;) {
				int j = i;
				int forward = 0;
				while (j < keys.length && keys[j] >>> 1 == keys[i] >>> 1) {
					if ((keys[j] & 1) == 0) forward++;
					j++;
				}
				final int uses = j - i;
				edges++;
				if (uses == 1) boundary++;
				else if (uses > 2) nonManifold++;
				else if (forward != 1) misoriented++;
				i = j;
			}
			return new EdgeCounts(edges, boundary, nonManifold, misoriented);
		}

		@Override
		public String toString() {
			return "EdgeCounts[edges=" + edges + " boundary=" + boundary + " nonManifold=" + nonManifold + " misoriented=" + misoriented + "]";
		}
	}

	private void cross(final int t, final double[] out) {
		final int a = 3 * triangles[t], b = 3 * triangles[t + 1], c = 3 * triangles[t + 2];
		final double ux = vertices[b] - vertices[a], uy = vertices[b + 1] - vertices[a + 1], uz = vertices[b + 2] - vertices[a + 2];
		final double vx = vertices[c] - vertices[a], vy = vertices[c + 1] - vertices[a + 1], vz = vertices[c + 2] - vertices[a + 2];
		out[0] = uy * vz - uz * vy;
		out[1] = uz * vx - ux * vz;
		out[2] = ux * vy - uy * vx;
	}

	/** Area-weighted vertex normals from the triangles' windings. */
	static float[] faceNormals(final float[] v, final int[] t) {
		final TriangleMesh tmp = new TriangleMesh(v, null, t);
		final double[] acc = new double[v.length];
		final double[] c = new double[3];
		for (int i = 0; i < t.length; i += 3) {
			tmp.cross(i, c);
			for (int k = 0; k < 3; k++)
				for (int d = 0; d < 3; d++) acc[3 * t[i + k] + d] += c[d];
		}
		final float[] n = new float[v.length];
		for (int i = 0; i < n.length; i += 3) {
			final double l = Math.sqrt(acc[i] * acc[i] + acc[i + 1] * acc[i + 1] + acc[i + 2] * acc[i + 2]);
			if (l > 0)
				for (int d = 0; d < 3; d++) n[i + d] = (float) (acc[i + d] / l);
		}
		return n;
	}

	@Override
	public String toString() {
		return "TriangleMesh[" + vertexCount() + " vertices, " + triangleCount() + " triangles]";
	}
}
