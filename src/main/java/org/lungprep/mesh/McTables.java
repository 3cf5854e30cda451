package org.lungprep.mesh;

import java.util.ArrayList;
import java.util.List;

/**
 * The marching-cubes case tables, constructed from the cube's geometry instead of being pasted
 * from a paper: for every corner configuration (256) and every choice for its ambiguous faces, the
 * surface's outline on each face is constructed, the outlines are chained into closed loops, and
 * each loop is triangulated ({@link #triangulate}). The triangles are stored as they come out
 * ({@link McTableData}, checked against the construction by McTablesTest), the rest is built at
 * class load.
 * <p>
 * Numbering: corner {@code k} sits at {@code (k & 1, k >> 1 & 1, k >> 2 & 1)}; a corner is
 * "inside" (bit set in the case index) when its value is above the threshold. Edge {@code e} runs
 * along axis {@code e >> 2}; its two remaining bits give the offsets along the other two axes in
 * increasing axis order. Face {@code f} is {@code 2 * axis + side}.
 * <p>
 * Why this is watertight: a face with two inside corners on a diagonal is ambiguous; its outline
 * depends on a decision ("are the inside corners connected across the face?") that the caller
 * makes from the face's four values alone, so both cubes sharing the face draw the same outline.
 * Outline segments are directed with the inside on their left seen from outside the cube, so
 * every loop is closed and neighbouring cubes run along a shared segment in opposite directions
 * (consistent orientation). Loops are fanned from a vertex whose diagonals do not lie in a cube
 * face (such a diagonal could meet the neighbour's triangles); when no such vertex exists the loop
 * gets an extra vertex at its centroid (edge code {@link #CENTROID}). Triangles are wound so that
 * their right-hand normal points to lower values, i.e. out of the object.
 */
final class McTables {

	/** Edge code of the extra cube-centre vertex of a loop that cannot be fanned safely. */
	static final int CENTROID = 12;

	/** Corners at the two ends of each edge (lower end first). */
	static final int[] EDGE_CORNER0 = new int[12], EDGE_CORNER1 = new int[12];
	/** Face corners in canonical (u, v) order (0,0), (1,0), (1,1), (0,1), u &lt; v the face's other axes. */
	static final int[][] FACE_CORNERS = new int[6][4];

	/** Per case: the faces that are ambiguous, in increasing face order. */
	static final int[][] AMBIGUOUS_FACES = new int[256][];
	/** Per case: whether it has an ambiguous face (most cases do not; no array to load for them). */
	static final boolean[] HAS_AMBIGUOUS_FACE = new boolean[256];
	/** Per case: the first entry in {@link #TRI_START} for its sub-cases. */
	static final int[] CASE_BASE = new int[257];
	/** Per (case, sub-case): start of its triangle edge list in {@link #TRI_EDGES}; one extra entry at the end. */
	static final int[] TRI_START;
	/** Concatenated triangle edge codes (three per triangle; {@link #CENTROID} for the loop centre). */
	static final byte[] TRI_EDGES;
	/** Per (case, sub-case): bit e set when its triangles use edge e (0..11), to make each vertex once per cube. */
	static final short[] EDGE_MASK;

	/** {@link McTableData#TRIANGLES}: edge codes as letters from 'a' (edge 0) to 'm' (the centroid), each entry ended by '.'. */
	static final char FIRST_CODE = 'a', ENTRY_END = '.';

	static {
		for (int e = 0; e < 12; e++) {
			final int a = e >> 2, j = e & 3;
			final int[] other = otherAxes(a);
			final int base = ((j & 1) << other[0]) | ((j >> 1) << other[1]);
			EDGE_CORNER0[e] = base;
			EDGE_CORNER1[e] = base | (1 << a);
		}
		for (int f = 0; f < 6; f++) {
			final int a = f >> 1, side = f & 1;
			final int[] o = otherAxes(a);
			final int[][] uv = { { 0, 0 }, { 1, 0 }, { 1, 1 }, { 0, 1 } };
			for (int i = 0; i < 4; i++)
				FACE_CORNERS[f][i] = (side << a) | (uv[i][0] << o[0]) | (uv[i][1] << o[1]);
		}
		int entries = 0;
		for (int c = 0; c < 256; c++) {
			int n = 0;
			final int[] amb = new int[6];
			for (int f = 0; f < 6; f++)
				if (isAmbiguous(c, f)) amb[n++] = f;
			AMBIGUOUS_FACES[c] = java.util.Arrays.copyOf(amb, n);
			HAS_AMBIGUOUS_FACE[c] = n > 0;
			CASE_BASE[c] = entries;
			entries += 1 << n;
		}
		CASE_BASE[256] = entries;
		// the triangles, constructed by triangulate() for every entry, as stored in McTableData (built at class load
		// they took 30-40 ms of a one-shot run, most of it interpreted; McTablesTest checks they are the same)
		final String t = McTableData.triangles();
		TRI_START = new int[entries + 1];
		int size = 0;
		for (int i = 0; i < t.length(); i++)
			if (t.charAt(i) != ENTRY_END) size++;
		TRI_EDGES = new byte[size];
		for (int i = 0, entry = 0, k = 0; i < t.length(); i++) {
			final char ch = t.charAt(i);
			if (ch == ENTRY_END) TRI_START[++entry] = k;
			else TRI_EDGES[k++] = (byte) (ch - FIRST_CODE);
		}
		EDGE_MASK = new short[TRI_START.length - 1];
		for (int entry = 0; entry < EDGE_MASK.length; entry++)
			for (int k = TRI_START[entry]; k < TRI_START[entry + 1]; k++)
				if (TRI_EDGES[k] != CENTROID) EDGE_MASK[entry] |= (short) (1 << TRI_EDGES[k]);
	}

	private McTables() { }

	/** @return the triangles of every (case, sub-case) as triangulate() constructs them, in the form McTableData stores */
	static String constructedTriangles() {
		final StringBuilder sb = new StringBuilder();
		for (int c = 0; c < 256; c++) {
			final int[] amb = AMBIGUOUS_FACES[c];
			for (int sub = 0; sub < 1 << amb.length; sub++) {
				final boolean[] connected = new boolean[6];
				for (int i = 0; i < amb.length; i++) connected[amb[i]] = (sub >> i & 1) != 0;
				for (final int e : triangulate(c, connected)) sb.append((char) (FIRST_CODE + e));
				sb.append(ENTRY_END);
			}
		}
		return sb.toString();
	}

	static int[] otherAxes(final int a) {
		return a == 0 ? new int[] { 1, 2 } : a == 1 ? new int[] { 0, 2 } : new int[] { 0, 1 };
	}

	static boolean inside(final int c, final int corner) { return (c >> corner & 1) != 0; }

	/** Two inside corners on one diagonal and two outside on the other. */
	static boolean isAmbiguous(final int c, final int f) {
		final int[] q = FACE_CORNERS[f];
		final boolean a = inside(c, q[0]), b = inside(c, q[1]);
		return a == inside(c, q[2]) && b == inside(c, q[3]) && a != b;
	}

	/** The edge joining two corners that differ in one bit. */
	static int edgeBetween(final int c0, final int c1) {
		for (int e = 0; e < 12; e++)
			if ((EDGE_CORNER0[e] == c0 && EDGE_CORNER1[e] == c1) || (EDGE_CORNER0[e] == c1 && EDGE_CORNER1[e] == c0)) return e;
		throw new IllegalArgumentException("corners " + c0 + " and " + c1 + " are not joined by an edge");
	}

	/** @return true when the two edges lie in a common face of the cube */
	static boolean shareFace(final int e0, final int e1) {
		for (int f = 0; f < 6; f++)
			if (edgeInFace(e0, f) && edgeInFace(e1, f)) return true;
		return false;
	}

	private static boolean edgeInFace(final int e, final int f) {
		final int a = f >> 1, side = f & 1;
		return (EDGE_CORNER0[e] >> a & 1) == side && (EDGE_CORNER1[e] >> a & 1) == side;
	}

	/** Midpoint of an edge in cube coordinates. */
	static double[] midpoint(final int e) {
		final double[] p = new double[3];
		for (int d = 0; d < 3; d++) p[d] = ((EDGE_CORNER0[e] >> d & 1) + (EDGE_CORNER1[e] >> d & 1)) * 0.5;
		return p;
	}

	private static double[] cornerPos(final int k) { return new double[] { k & 1, k >> 1 & 1, k >> 2 & 1 }; }

	/**
	 * Triangles (edge codes, three per triangle) of case {@code c} with the given decisions for its
	 * ambiguous faces ({@code connected[f]}: the inside corners of face f are joined across it).
	 */
	static int[] triangulate(final int c, final boolean[] connected) {
		// next[e] = the edge the directed outline goes to from edge e
		final int[] next = new int[12];
		java.util.Arrays.fill(next, -1);
		for (int f = 0; f < 6; f++)
			for (final int[] seg : faceSegments(c, f, connected[f])) {
				if (next[seg[0]] != -1) throw new IllegalStateException("case " + c + ": two outlines leave edge " + seg[0]);
				next[seg[0]] = seg[1];
			}
		final List<Integer> tris = new ArrayList<>();
		final boolean[] seen = new boolean[12];
		for (int start = 0; start < 12; start++) {
			if (next[start] < 0 || seen[start]) continue;
			final List<Integer> loop = new ArrayList<>();
			for (int e = start; !seen[e]; e = next[e]) {
				seen[e] = true;
				loop.add(e);
			}
			if (loop.get(0) != start || next[loop.get(loop.size() - 1)] != start)
				throw new IllegalStateException("case " + c + ": outline not closed at edge " + start);
			fan(loop, tris);
		}
		return tris.stream().mapToInt(Integer::intValue).toArray();
	}

	/** Fans a loop from a vertex whose diagonals avoid cube faces, else around its centroid. */
	private static void fan(final List<Integer> loop, final List<Integer> tris) {
		final int n = loop.size();
		for (int s = 0; s < n; s++) {
			boolean ok = true;
			for (int i = 2; i < n - 1 && ok; i++)
				ok = !shareFace(loop.get(s), loop.get((s + i) % n));
			if (!ok) continue;
			for (int i = 1; i < n - 1; i++) {
				// loop order is clockwise seen from outside the object: swap to get outward normals
				tris.add(loop.get(s));
				tris.add(loop.get((s + i + 1) % n));
				tris.add(loop.get((s + i) % n));
			}
			return;
		}
		for (int i = 0; i < n; i++) {
			tris.add(CENTROID);
			tris.add(loop.get((i + 1) % n));
			tris.add(loop.get(i));
		}
	}

	/**
	 * The outline of case {@code c} on face {@code f} as directed segments {from edge, to edge},
	 * each with the inside corners on its left seen from outside the cube.
	 */
	static List<int[]> faceSegments(final int c, final int f, final boolean insideConnected) {
		final int[] q = FACE_CORNERS[f];
		final List<int[]> segs = new ArrayList<>();
		final int[] cross = new int[4];
		int n = 0;
		for (int i = 0; i < 4; i++)
			if (inside(c, q[i]) != inside(c, q[(i + 1) % 4])) cross[n++] = i;
		if (n == 2) {
			// one segment; corner (cross[0] + 1) lies between the two crossed edges on one side
			segs.add(direct(c, f, edgeBetween(q[cross[0]], q[(cross[0] + 1) % 4]), edgeBetween(q[cross[1]], q[(cross[1] + 1) % 4]), q[(cross[0] + 1) % 4]));
		}
		else if (n == 4) {
			// cut off the two corners that are not joined across the face
			for (int i = 0; i < 4; i++) {
				if (inside(c, q[i]) == insideConnected) continue;
				final int prev = edgeBetween(q[(i + 3) % 4], q[i]), nextEdge = edgeBetween(q[i], q[(i + 1) % 4]);
				segs.add(direct(c, f, prev, nextEdge, q[i]));
			}
		}
		return segs;
	}

	/** Orders a segment so that corner {@code ref}'s side is on the left when it is inside. */
	private static int[] direct(final int c, final int f, final int e0, final int e1, final int ref) {
		final double[] p = midpoint(e0), d = sub(midpoint(e1), p);
		final double[] normal = new double[3];
		normal[f >> 1] = (f & 1) == 0 ? -1 : 1;
		final double side = dot(sub(cornerPos(ref), p), cross(normal, d));
		if (side == 0) throw new IllegalStateException("reference corner on the segment (case " + c + ", face " + f + ")");
		return (side > 0) == inside(c, ref) ? new int[] { e0, e1 } : new int[] { e1, e0 };
	}

	private static double[] sub(final double[] a, final double[] b) { return new double[] { a[0] - b[0], a[1] - b[1], a[2] - b[2] }; }

	private static double dot(final double[] a, final double[] b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

	private static double[] cross(final double[] a, final double[] b) {
		return new double[] { a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0] };
	}
}
