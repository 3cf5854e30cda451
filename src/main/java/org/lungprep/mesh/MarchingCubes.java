package org.lungprep.mesh;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

import org.lungprep.core.Geometry;
import org.lungprep.core.Parallel;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;

/**
 * Iso-surface of a volume by marching cubes: a watertight, consistently oriented, welded triangle
 * mesh in physical millimetres with per-vertex normals from the image gradient.
 * <p>
 * A voxel is inside the surface when its value is above the threshold. Cases come from
 * {@link McTables}; ambiguous faces are decided by the asymptotic decider (the sign of the bilinear
 * interpolant at the face's saddle point), computed from the face's four values in a fixed order so
 * both cubes sharing the face agree, which makes closed objects give closed meshes. Vertices sit on
 * grid edges (linear interpolation) and are shared between cubes; normals are the central-difference
 * gradient at the edge's two ends, interpolated, taken to physical space and pointing to lower values.
 * <p>
 * Limits, on purpose: surfaces that reach the volume's border stay open there (as with skimage;
 * pad the volume to close them); NaN voxels count as outside; inside a cube each outline loop becomes
 * one disc, so the interior ambiguity of Chernyaev's MC33 (tunnels through a cube) is not modelled —
 * the mesh is still closed and manifold.
 * <p>
 * Speed: each slice is classified once into 64-voxel bit words, so empty and full cubes are skipped
 * 64 at a time; the edges the surface crosses are bit words too (neighbouring rows or slices XORed),
 * their vertices are made in one sweep per edge set, and a cube finds the id of its edges' vertices by
 * counting crossings (popcount) instead of looking them up. The volume is cut into slabs of {@value #SLAB_LAYERS} cube layers processed in
 * parallel through {@link Parallelization}; slabs are merged in order, so the mesh is identical for
 * any thread count. Planar int16, uint8 and float32 images are read in place; other images are
 * copied to float32 first.
 */
public final class MarchingCubes {

	/** Cube layers per parallel slab: fixed, so the output does not depend on the thread count. */
	static final int SLAB_LAYERS = 16;

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private MarchingCubes() { }

	/**
	 * @param volume any real-valued volume
	 * @param threshold iso-value in image units (e.g. 400 for bone in HU, 0.5 for a 0/1 mask)
	 * @param step sample every step-th voxel along each axis (1 = full resolution; like skimage's step_size)
	 * @param progress progress and cancellation
	 * @return the surface in LPS mm; empty when nothing crosses the threshold
	 */
	public static <T extends RealType<T>> TriangleMesh extract(final Volume<T> volume, final double threshold, final int step, final ProgressListener progress) {
		if (volume == null) throw new IllegalArgumentException("volume is null");
		if (!Double.isFinite(threshold)) throw new IllegalArgumentException("threshold must be finite, got " + threshold);
		if (step < 1) throw new IllegalArgumentException("step must be >= 1, got " + step);
		if (progress == null) throw new IllegalArgumentException("progress listener is null (use ProgressListener.NONE)");
		return extract(volume.image(), volume.geometry(), threshold, step, progress);
	}

	/** As {@link #extract(Volume, double, int, ProgressListener)} for an image and geometry. */
	public static <T extends RealType<T>> TriangleMesh extract(final RandomAccessibleInterval<T> image, final Geometry geometry, final double threshold,
		final int step, final ProgressListener progress)
	{
		if (image.numDimensions() != 3) throw new IllegalArgumentException("marching cubes needs a 3D image, got " + image.numDimensions() + "D");
		final Source src = Source.of(image);
		final Grid g = new Grid(src, geometry, threshold, step);
		if (g.nxs < 2 || g.nys < 2 || g.nzs < 2) return TriangleMesh.empty();
		final int layers = g.nzs - 1;
		final int nSlabs = (layers + SLAB_LAYERS - 1) / SLAB_LAYERS;
		final Slab[] slabs = new Slab[nSlabs];
		final AtomicInteger done = new AtomicInteger();
		Parallel.forEach(nSlabs, i -> {
			progress.checkCancelled();
			final Slab s = new Slab(g, i * SLAB_LAYERS, Math.min(layers, (i + 1) * SLAB_LAYERS));
			s.run();
			slabs[i] = s;
			progress.progress("marching cubes", 0.9 * done.incrementAndGet() / nSlabs);
		});
		final TriangleMesh mesh = merge(g, slabs);
		progress.progress("marching cubes", 1);
		return mesh;
	}

	/** Concatenates slabs in order and points each slab's top-slice references at the next slab's vertices. */
	private static TriangleMesh merge(final Grid g, final Slab[] slabs) {
		final int n = slabs.length;
		final int[] vBase = new int[n + 1], tBase = new int[n + 1];
		for (int i = 0; i < n; i++) {
			vBase[i + 1] = vBase[i] + slabs[i].vertexCount;
			tBase[i + 1] = tBase[i] + slabs[i].tris.size;
		}
		for (int i = 0; i + 1 < n; i++)
			if (slabs[i + 1].bottomCount != slabs[i].topCount)
				throw new IllegalStateException("marching cubes: slab " + i + " sees " + slabs[i].topCount + " crossings on its top slice, slab " + (i + 1) + " made "
					+ slabs[i + 1].bottomCount);
		// two tasks, each allocating (zeroing) and filling its own arrays: the vertices with their normals, and the
		// triangles (the same number of bytes; the triangles' id translation makes theirs the longer task); allocating
		// all three on one thread took as long as the copying
		final float[][] vn = new float[2][];
		final int[][] tt = new int[1][];
		Parallel.forEach(2, task -> {
			if (task == 0) {
				final float[] v = new float[3 * vBase[n]], nrm = new float[3 * vBase[n]];
				for (int i = 0; i < n; i++) {
					slabs[i].pos.copyTo(v, 3 * vBase[i]);
					slabs[i].nrm.copyTo(nrm, 3 * vBase[i]);
				}
				vn[0] = v;
				vn[1] = nrm;
				return;
			}
			final int[] t = new int[tBase[n]];
			for (int i = 0; i < n; i++) {
				final Slab s = slabs[i];
				final int base = vBase[i];
				// the top slice's vertex of rank k is the next slab's bottom-slice vertex k
				final int next = i + 1 < n ? vBase[i + 1] : 0;
				int at = tBase[i];
				for (int b = 0; b < s.tris.blocks.size(); b++) {
					final int[] src = s.tris.blocks.get(b);
					final int used = s.tris.used(b);
					for (int k = 0; k < used; k++) {
						final int id = src[k];
						t[at + k] = id >= 0 ? id + base : next - id - 1;
					}
					at += used;
				}
			}
			tt[0] = t;
		});
		return new TriangleMesh(vn[0], vn[1], tt[0]);
	}

	/** Sampled grid, threshold and index-to-physical transforms shared by all slabs. */
	private static final class Grid {
		final Source src;
		final int step, nx, ny, nz, nxs, nys, nzs;
		final double threshold;
		/** index -> LPS: p = origin + m · index */
		final double[] m = new double[9], origin;
		/** gradient index space -> physical: inverse transpose of m */
		final double[] mInvT;
		final boolean flip;
		/** {@link McTables#TRI_EDGES}, wound the other way when the geometry mirrors */
		final byte[] triEdges;

		Grid(final Source src, final Geometry geo, final double threshold, final int step) {
			this.src = src;
			this.step = step;
			this.threshold = threshold;
			nx = src.nx;
			ny = src.ny;
			nz = src.nz;
			nxs = (nx - 1) / step + 1;
			nys = (ny - 1) / step + 1;
			nzs = (nz - 1) / step + 1;
			final double[] d = geo.direction();
			for (int r = 0; r < 3; r++)
				for (int c = 0; c < 3; c++) m[3 * r + c] = d[3 * r + c] * geo.spacing(c);
			origin = geo.origin();
			final double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
			if (Math.abs(det) < 1e-12) throw new IllegalArgumentException("direction matrix is singular: " + geo);
			// cofactor matrix / det = inverse transpose
			mInvT = new double[] { (m[4] * m[8] - m[5] * m[7]) / det, -(m[3] * m[8] - m[5] * m[6]) / det, (m[3] * m[7] - m[4] * m[6]) / det,
				-(m[1] * m[8] - m[2] * m[7]) / det, (m[0] * m[8] - m[2] * m[6]) / det, -(m[0] * m[7] - m[1] * m[6]) / det,
				(m[1] * m[5] - m[2] * m[4]) / det, -(m[0] * m[5] - m[2] * m[3]) / det, (m[0] * m[4] - m[1] * m[3]) / det };
			// a mirroring geometry turns outward-wound triangles inward: wind them the other way
			flip = det < 0;
			triEdges = McTables.TRI_EDGES.clone();
			if (flip)
				for (int k = 0; k < triEdges.length; k += 3) {
					final byte b = triEdges[k + 1];
					triEdges[k + 1] = triEdges[k + 2];
					triEdges[k + 2] = b;
				}
		}
	}

	/**
	 * One slab of cube layers [z0, z1) in sampled coordinates, with its own vertices and triangles.
	 * <p>
	 * Vertices are made slice by slice, before the cubes that use them, by sweeping the crossing bits of each edge set
	 * (x edges and y edges of a slice, z edges between two slices) in row order; so the vertex of an edge is the
	 * set's first id plus the number of crossings before it in the set, found with a per-word prefix count and one
	 * popcount. The slab's top slice, except in the volume's last layer, belongs to the next slab, which makes it as
	 * its bottom slice in the same order; here its vertices are ids -(rank + 1), resolved at the merge.
	 */
	private static final class Slab {
		final Grid g;
		final int z0, z1;
		final boolean last;
		final FloatBlocks pos = new FloatBlocks(), nrm = new FloatBlocks();
		final IntBlocks tris = new IntBlocks();
		int vertexCount;
		/** vertices of the slab's bottom slice (made first, x edges then y edges), for the previous slab's references */
		int bottomCount;
		/** crossings on the top slice when the next slab makes its vertices */
		int topCount;

		int layer, words;
		final double[] vtx = new double[6];
		final double[] cubeVals = new double[8];
		/**
		 * Edge sets of the current layer: 0/1 x edges of the bottom/top slice, 2/3 y edges of the bottom/top slice,
		 * 4 z edges. Per set: crossing bits (rows of {@code words} longs), the rank of each word's first crossing (see
		 * {@link #crossings}), and id = base + sign * rank.
		 */
		final int[] base = new int[5], sign = new int[5];
		/**
		 * The five sets' crossings and ranks side by side in one array each, set k at slot[k] * rows * words; and per
		 * cube edge, for the current layer: where its set's row of words starts (for ys = 0), its id base and sign.
		 */
		long[] crossings;
		int[] ranks;
		final int[] slot = { 0, 1, 2, 3, 4 };
		final int[] edgeWord = new int[12], edgeBase = new int[12], edgeSign = new int[12];

		Slab(final Grid g, final int z0, final int z1) {
			this.g = g;
			this.z0 = z0;
			this.z1 = z1;
			this.last = z1 == g.nzs - 1;
		}

		void run() {
			final int nxs = g.nxs, nys = g.nys;
			words = (nxs + 63) >>> 6;
			final int rowWords = nys * words;
			// inside flags of a slice as bits, 64 voxels per long, rows of `words` longs
			final byte[] flags = new byte[nys * words * 64];
			long[] lo = new long[rowWords], hi = new long[rowWords], ahead = new long[rowWords];
			crossings = new long[5 * rowWords];
			ranks = new int[5 * rowWords];
			classifyBits(z0, flags, words, lo);
			classifyBits(z0 + 1, flags, words, hi);
			// the bottom slice of the first layer: x edges, then y edges
			xCrossings(lo, 0);
			yCrossings(lo, 2);
			makeVertices(0, z0, 0, true);
			makeVertices(2, z0, 1, true);
			bottomCount = vertexCount;
			for (layer = z0; layer < z1; layer++) {
				// the slice after the cube layer is classified one layer early: reading it in order brings it into the
				// cache just before the gradients of this layer's z edges read it (about 10 % faster on a CT)
				if (layer + 2 < g.nzs) classifyBits(layer + 2, flags, words, ahead);
				final int zOff = slot[4] * rowWords;
				for (int k = 0; k < rowWords; k++)
					crossings[zOff + k] = lo[k] ^ hi[k];
				makeVertices(4, layer, 2, true);
				xCrossings(hi, 1);
				yCrossings(hi, 3);
				// the top slice of the slab's last layer is the next slab's bottom slice
				final boolean own = last || layer < z1 - 1;
				final int xCount = makeVertices(1, layer + 1, 0, own);
				if (!own) {
					base[1] = -1;
					sign[1] = -1;
				}
				final int yCount = makeVertices(3, layer + 1, 1, own);
				if (!own) {
					base[3] = -1 - xCount;
					sign[3] = -1;
					topCount = xCount + yCount;
				}
				for (int e = 0; e < 12; e++) {
					final int set = EDGE_SET[e];
					edgeWord[e] = slot[set] * rowWords + EDGE_ROW[e] * words;
					edgeBase[e] = base[set];
					edgeSign[e] = sign[set];
				}
				for (int ys = 0; ys < nys - 1; ys++) {
					final int r0 = ys * words, r1 = r0 + words;
					for (int w = 0; w < words; w++) {
						final long and = lo[r0 + w] & lo[r1 + w] & hi[r0 + w] & hi[r1 + w];
						final long or = lo[r0 + w] | lo[r1 + w] | hi[r0 + w] | hi[r1 + w];
						final boolean more = w + 1 < words;
						final long andNext = more ? lo[r0 + w + 1] & lo[r1 + w + 1] & hi[r0 + w + 1] & hi[r1 + w + 1] : 0;
						final long orNext = more ? lo[r0 + w + 1] | lo[r1 + w + 1] | hi[r0 + w + 1] | hi[r1 + w + 1] : 0;
						// a cube is trivial when its two columns of four corners are all inside or all outside
						final long trivial = and & (and >>> 1 | andNext << 63) | ~or & ~(or >>> 1 | orNext << 63);
						final int valid = nxs - 1 - (w << 6);
						long mixed = ~trivial & (valid >= 64 ? -1L : (1L << valid) - 1);
						if (mixed == 0) continue;
						final long l0 = lo[r0 + w], l1 = lo[r1 + w], h0 = hi[r0 + w], h1 = hi[r1 + w];
						do {
							final int b = Long.numberOfTrailingZeros(mixed);
							final int xs = (w << 6) + b;
							mixed &= mixed - 1;
							// corners x and x + 1 of the four rows: two adjacent bits of each word (the word after for bit 63)
							final int code = b < 63
								? (int) (l0 >>> b & 3) | (int) (l1 >>> b & 3) << 2 | (int) (h0 >>> b & 3) << 4 | (int) (h1 >>> b & 3) << 6
								: bit(lo, r0, xs) | bit(lo, r0, xs + 1) << 1 | bit(lo, r1, xs) << 2 | bit(lo, r1, xs + 1) << 3
									| bit(hi, r0, xs) << 4 | bit(hi, r0, xs + 1) << 5 | bit(hi, r1, xs) << 6 | bit(hi, r1, xs + 1) << 7;
							cube(xs, ys, code);
						} while (mixed != 0);
					}
				}
				final long[] tb = lo;
				lo = hi;
				hi = ahead;
				ahead = tb;
				// the top slice's x and y edge sets become the bottom ones
				swap(0, 1);
				swap(2, 3);
			}
		}

		private void swap(final int a, final int b) {
			final int c = slot[a];
			slot[a] = slot[b];
			slot[b] = c;
			final int t = base[a];
			base[a] = base[b];
			base[b] = t;
			final int u = sign[a];
			sign[a] = sign[b];
			sign[b] = u;
		}

		/** x edges of a slice: between x and x + 1 where the two differ (x &lt; nxs - 1). */
		private void xCrossings(final long[] bits, final int set) {
			final int nys = g.nys, lastValid = g.nxs - 1 - ((words - 1) << 6), out = slot[set] * nys * words;
			final long lastMask = lastValid >= 64 ? -1L : (1L << lastValid) - 1;
			for (int r = 0; r < nys; r++) {
				final int o = r * words;
				for (int w = 0; w < words; w++) {
					final long b = bits[o + w], next = w + 1 < words ? bits[o + w + 1] : 0;
					final long c = b ^ (b >>> 1 | next << 63);
					crossings[out + o + w] = w == words - 1 ? c & lastMask : c;
				}
			}
		}

		/** y edges of a slice: between rows y and y + 1 where they differ (none from the last row). */
		private void yCrossings(final long[] bits, final int set) {
			final int n = (g.nys - 1) * words, out = slot[set] * g.nys * words;
			for (int k = 0; k < n; k++)
				crossings[out + k] = bits[k] ^ bits[k + words];
			Arrays.fill(crossings, out + n, out + g.nys * words, 0L);
		}

		/**
		 * Ranks the crossings of edge set k (along axis a, on slice or from slice zs) in row order and, when make is set,
		 * makes their vertices in that order with ids from vertexCount on.
		 *
		 * @return the number of crossings
		 */
		private int makeVertices(final int k, final int zs, final int a, final boolean make) {
			final int rowWords = g.nys * words, off = slot[k] * rowWords;
			base[k] = vertexCount;
			sign[k] = 1;
			int n = 0;
			for (int i = 0; i < rowWords; i++) {
				ranks[off + i] = n;
				long bits = crossings[off + i];
				if (bits == 0) continue;
				if (!make) {
					n += Long.bitCount(bits);
					continue;
				}
				final int ys = i / words, x0 = (i - ys * words) << 6;
				do {
					edgeVertex(x0 + Long.numberOfTrailingZeros(bits), ys, zs, a);
					bits &= bits - 1;
					n++;
				} while (bits != 0);
			}
			return n;
		}

		private static int bit(final long[] rows, final int row, final int x) {
			return (int) (rows[row + (x >>> 6)] >>> x) & 1;
		}

		/** Inside flags of sampled slice zs as bits (bit x of word x / 64 of each row). */
		private void classifyBits(final int zs, final byte[] flags, final int words, final long[] out) {
			final int stride = words << 6;
			g.src.classify(zs * g.step, g.step, g.nxs, g.nys, stride, g.threshold, flags);
			// eight 0/1 bytes to eight bits: the multiplication gathers byte k's low bit into bit 56 + k
			for (int i = 0, o = 0; o < out.length; o++) {
				long bits = 0;
				for (int k = 0; k < 64; k += 8, i += 8)
					bits |= ((long) LONGS.get(flags, i) * 0x0102040810204080L >>> 56) << k;
				out[o] = bits;
			}
		}

		/** Edge e's set (see {@link #cross}), row offset (y) and column offset (x) from the cube's lower corner. */
		private static final int[] EDGE_SET = new int[12], EDGE_ROW = new int[12], EDGE_COLUMN = new int[12];
		static {
			for (int e = 0; e < 12; e++) {
				final int a = e >> 2, j = e & 3;
				EDGE_SET[e] = a == 0 ? (j >> 1) : a == 1 ? 2 + (j >> 1) : 4;
				EDGE_ROW[e] = a == 0 ? j & 1 : a == 1 ? 0 : j >> 1;
				EDGE_COLUMN[e] = a == 0 ? 0 : j & 1;
			}
		}

		private void cube(final int xs, final int ys, final int code) {
			int sub = 0;
			if (McTables.HAS_AMBIGUOUS_FACE[code]) {
				final int[] amb = McTables.AMBIGUOUS_FACES[code];
				final int step = g.step;
				for (int k = 0; k < 8; k++)
					cubeVals[k] = g.src.value((xs + (k & 1)) * step, (ys + (k >> 1 & 1)) * step, (layer + (k >> 2 & 1)) * step);
				for (int k = 0; k < amb.length; k++)
					if (connected(McTables.FACE_CORNERS[amb[k]])) sub |= 1 << k;
			}
			final int entry = McTables.CASE_BASE[code] + sub;
			final int from = McTables.TRI_START[entry], to = McTables.TRI_START[entry + 1];
			final byte[] te = g.triEdges;
			// each used edge's vertex id from its set's rank, then the triangles by table
			final int[] ids = edgeIds;
			final int row = ys * words;
			for (int mask = McTables.EDGE_MASK[entry] & 0xfff; mask != 0; mask &= mask - 1) {
				final int e = Integer.numberOfTrailingZeros(mask);
				final int x = xs + EDGE_COLUMN[e];
				final int k = edgeWord[e] + row + (x >>> 6);
				ids[e] = edgeBase[e] + edgeSign[e] * (ranks[k] + Long.bitCount(crossings[k] & (1L << x) - 1));
			}
			int centroidEnd = from;
			final int[] out = tris.reserve(to - from);
			int o = tris.offset(to - from);
			for (int k = from; k < to; k += 3) {
				if (te[k] == McTables.CENTROID && k >= centroidEnd) {
					centroidEnd = loopEnd(k);
					ids[McTables.CENTROID] = centroid(xs, ys, k, centroidEnd);
				}
				out[o] = ids[te[k]];
				out[o + 1] = ids[te[k + 1]];
				out[o + 2] = ids[te[k + 2]];
				o += 3;
			}
		}

		private final int[] edgeIds = new int[13];

		/** Asymptotic decider on a face: are its inside corners joined across the face? */
		private boolean connected(final int[] q) {
			final double t = g.threshold;
			final double v00 = cubeVals[q[0]] - t, v10 = cubeVals[q[1]] - t, v11 = cubeVals[q[2]] - t, v01 = cubeVals[q[3]] - t;
			// sign of the bilinear interpolant at its saddle (denominator > 0 in the ambiguous case)
			final double p = v00 * v11 - v10 * v01;
			return v00 > 0 ? p > 0 : p < 0;
		}

		/** End (exclusive) of the centroid loop whose triangles (C, next, this) start at k0. */
		private static int loopEnd(final int k0) {
			final byte[] te = McTables.TRI_EDGES;
			final int first = te[k0 + 2];
			int k = k0;
			while (te[k + 1] != first) k += 3;
			return k + 3;
		}

		/** The loop-centre vertex of a loop that needs one: mean of the loop's edge points. */
		private int centroid(final int xs, final int ys, final int from, final int to) {
			final double[] acc = new double[6];
			int n = 0;
			for (int k = from; k < to; k += 3) {
				final int e = McTables.TRI_EDGES[k + 2], c0 = McTables.EDGE_CORNER0[e];
				edgePoint(xs + (c0 & 1), ys + (c0 >> 1 & 1), layer + (c0 >> 2 & 1), e >> 2);
				for (int d = 0; d < 6; d++) acc[d] += vtx[d];
				n++;
			}
			for (int d = 0; d < 6; d++) vtx[d] = acc[d] / n;
			return emit(vtx);
		}

		/**
		 * Makes the vertex of the edge from sampled grid point (xs, ys, zs) along axis a: position interpolated on the
		 * edge, normal from the central-difference gradients at its two ends.
		 */
		private int edgeVertex(final int xs, final int ys, final int zs, final int a) {
			final int step = g.step;
			final int x = xs * step, y = ys * step, z = zs * step;
			final int x1 = a == 0 ? x + step : x, y1 = a == 1 ? y + step : y, z1 = a == 2 ? z + step : z;
			final int nx = g.nx;
			if (!(x > 0 && y > 0 && z > 0 && x1 < nx - 1 && y1 < g.ny - 1 && z1 < g.nz - 1)) {
				edgePoint(xs, ys, zs, a);
				return emit(vtx);
			}
			final Source s = g.src;
			final int i0 = y * nx + x, i1 = y1 * nx + x1;
			final double v0 = s.at(z, i0), v1 = s.at(z1, i1);
			double t = (g.threshold - v0) / (v1 - v0);
			// NaN voxels count as outside; keep their edge points on the edge
			if (!(t >= 0 && t <= 1)) t = 0.5;
			final double u = 1 - t;
			// index-space position and gradient (central differences at both ends, interpolated)
			final double px = a == 0 ? x + t * step : x, py = a == 1 ? y + t * step : y, pz = a == 2 ? z + t * step : z;
			final double gx = 0.5 * (u * (s.at(z, i0 + 1) - s.at(z, i0 - 1)) + t * (s.at(z1, i1 + 1) - s.at(z1, i1 - 1)));
			final double gy = 0.5 * (u * (s.at(z, i0 + nx) - s.at(z, i0 - nx)) + t * (s.at(z1, i1 + nx) - s.at(z1, i1 - nx)));
			final double gz = 0.5 * (u * (s.at(z + 1, i0) - s.at(z - 1, i0)) + t * (s.at(z1 + 1, i1) - s.at(z1 - 1, i1)));
			final double[] m = g.m, o = g.origin, mi = g.mInvT;
			final float[] pv = pos.reserve(3), nv = nrm.reserve(3);
			final int at = pos.offset(3);
			pv[at] = (float) (o[0] + m[0] * px + m[1] * py + m[2] * pz);
			pv[at + 1] = (float) (o[1] + m[3] * px + m[4] * py + m[5] * pz);
			pv[at + 2] = (float) (o[2] + m[6] * px + m[7] * py + m[8] * pz);
			final double nxv = -(mi[0] * gx + mi[1] * gy + mi[2] * gz);
			final double nyv = -(mi[3] * gx + mi[4] * gy + mi[5] * gz);
			final double nzv = -(mi[6] * gx + mi[7] * gy + mi[8] * gz);
			final double l = Math.sqrt(nxv * nxv + nyv * nyv + nzv * nzv);
			// a flat or NaN neighbourhood has no direction: leave a zero normal (renderers fall back to the face)
			final boolean ok = l > 0 && l < Double.POSITIVE_INFINITY;
			final double inv = 1 / l;
			nv[at] = ok ? (float) (nxv * inv) : 0;
			nv[at + 1] = ok ? (float) (nyv * inv) : 0;
			nv[at + 2] = ok ? (float) (nzv * inv) : 0;
			return vertexCount++;
		}

		/** Appends a vertex given in index space (position, gradient) as LPS position and outward unit normal. */
		private int emit(final double[] p) {
			final double[] m = g.m, o = g.origin, mi = g.mInvT;
			final float[] pv = pos.reserve(3), nv = nrm.reserve(3);
			final int at = pos.offset(3);
			for (int r = 0; r < 3; r++)
				pv[at + r] = (float) (o[r] + m[3 * r] * p[0] + m[3 * r + 1] * p[1] + m[3 * r + 2] * p[2]);
			final double nx = -(mi[0] * p[3] + mi[1] * p[4] + mi[2] * p[5]);
			final double ny = -(mi[3] * p[3] + mi[4] * p[4] + mi[5] * p[5]);
			final double nz = -(mi[6] * p[3] + mi[7] * p[4] + mi[8] * p[5]);
			final double l = Math.sqrt(nx * nx + ny * ny + nz * nz);
			// a flat or NaN neighbourhood has no direction: leave a zero normal (renderers fall back to the face)
			final boolean ok = l > 0 && l < Double.POSITIVE_INFINITY;
			nv[at] = ok ? (float) (nx / l) : 0;
			nv[at + 1] = ok ? (float) (ny / l) : 0;
			nv[at + 2] = ok ? (float) (nz / l) : 0;
			return vertexCount++;
		}

		/** Crossing point of the edge from sampled (xs, ys, zs) along axis a into vtx: index-space position and interpolated gradient. */
		private void edgePoint(final int xs, final int ys, final int zs, final int a) {
			final int step = g.step;
			final int x = xs * step, y = ys * step, z = zs * step;
			final int x1 = a == 0 ? x + step : x, y1 = a == 1 ? y + step : y, z1 = a == 2 ? z + step : z;
			final Source s = g.src;
			final double v0 = s.at(z, y * g.nx + x), v1 = s.at(z1, y1 * g.nx + x1);
			double t = (g.threshold - v0) / (v1 - v0);
			// NaN voxels count as outside; keep their edge points on the edge
			if (!(t >= 0 && t <= 1)) t = 0.5;
			vtx[0] = x;
			vtx[1] = y;
			vtx[2] = z;
			vtx[a] += t * step;
			final double[] gr = grad;
			s.gradient(x, y, z, gr, 0);
			s.gradient(x1, y1, z1, gr, 3);
			for (int d = 0; d < 3; d++) vtx[3 + d] = gr[d] + t * (gr[3 + d] - gr[d]);
		}

		private final double[] grad = new double[6];
	}

	/** Voxel access on planar arrays: the inner loops read primitives, no per-voxel ImgLib2 objects. */
	private abstract static class Source {
		final int nx, ny, nz;

		Source(final RandomAccessibleInterval<?> img) {
			nx = (int) img.dimension(0);
			ny = (int) img.dimension(1);
			nz = (int) img.dimension(2);
		}

		/** Inside flags (0/1, value above t) of the sampled slice at raw z, every step-th voxel, rows {@code stride} bytes apart. */
		abstract void classify(int z, int step, int nxs, int nys, int stride, double t, byte[] out);

		/** Value at raw voxel (x, y, z). */
		final double value(final int x, final int y, final int z) { return at(z, y * nx + x); }

		/** Value at index i (y * nx + x) of slice z. */
		abstract double at(int z, int i);

		/**
		 * Central-difference gradient at a voxel (one-sided at the border), index units, into
		 * out[o..o+2]. Every axis has at least 2 voxels here.
		 */
		final void gradient(final int x, final int y, final int z, final double[] out, final int o) {
			final int i = y * nx + x;
			out[o] = x == 0 ? at(z, i + 1) - at(z, i) : x == nx - 1 ? at(z, i) - at(z, i - 1) : (at(z, i + 1) - at(z, i - 1)) * 0.5;
			out[o + 1] = y == 0 ? at(z, i + nx) - at(z, i) : y == ny - 1 ? at(z, i) - at(z, i - nx) : (at(z, i + nx) - at(z, i - nx)) * 0.5;
			out[o + 2] = z == 0 ? at(1, i) - at(0, i) : z == nz - 1 ? at(z, i) - at(z - 1, i) : (at(z + 1, i) - at(z - 1, i)) * 0.5;
		}

		@SuppressWarnings("unchecked")
		static Source of(final RandomAccessibleInterval<? extends RealType<?>> img) {
			final long cells = img.dimension(0) * img.dimension(1);
			if (cells > Integer.MAX_VALUE / 2) throw new IllegalArgumentException("slice too large for marching cubes: " + img.dimension(0) + " x " + img.dimension(1));
			if (img instanceof PlanarImg && img.min(0) == 0 && img.min(1) == 0 && img.min(2) == 0) {
				final Object t = ((PlanarImg<?, ?>) img).firstElement();
				if (t instanceof ShortType) return new Shorts((PlanarImg<?, ?>) img);
				if (t instanceof UnsignedByteType) return new UBytes((PlanarImg<?, ?>) img);
				if (t instanceof FloatType) return new Floats((PlanarImg<?, ?>) img);
			}
			return new Floats(Planar.asFloats(img));
		}

		/** Largest integer threshold k with (v &gt; t) == (v &gt; k) for integer v, clamped to [lo - 1, hi]. */
		static int intThreshold(final double t, final int lo, final int hi) {
			return (int) Math.max(lo - 1, Math.min(hi, Math.floor(t)));
		}
	}

	private static final class Shorts extends Source {
		final short[][] planes;

		Shorts(final PlanarImg<?, ?> img) {
			super(img);
			planes = new short[nz][];
			for (int z = 0; z < nz; z++) planes[z] = Planar.plane(img, z);
		}

		@Override
		void classify(final int z, final int step, final int nxs, final int nys, final int stride, final double t, final byte[] out) {
			final short[] p = planes[z];
			final int k = intThreshold(t, Short.MIN_VALUE, Short.MAX_VALUE);
			for (int ys = 0; ys < nys; ys++) {
				final int r = ys * step * nx, o = ys * stride;
				if (step == 1)
					for (int xs = 0; xs < nxs; xs++) out[o + xs] = (byte) ((k - p[r + xs]) >>> 31);
				else
					for (int xs = 0; xs < nxs; xs++) out[o + xs] = (byte) ((k - p[r + xs * step]) >>> 31);
			}
		}

		@Override
		double at(final int z, final int i) { return planes[z][i]; }
	}

	private static final class UBytes extends Source {
		final byte[][] planes;

		UBytes(final PlanarImg<?, ?> img) {
			super(img);
			planes = new byte[nz][];
			for (int z = 0; z < nz; z++) planes[z] = Planar.plane(img, z);
		}

		@Override
		void classify(final int z, final int step, final int nxs, final int nys, final int stride, final double t, final byte[] out) {
			final byte[] p = planes[z];
			final int k = intThreshold(t, 0, 255);
			for (int ys = 0; ys < nys; ys++) {
				final int r = ys * step * nx, o = ys * stride;
				for (int xs = 0; xs < nxs; xs++) out[o + xs] = (byte) ((k - (p[r + xs * step] & 0xff)) >>> 31);
			}
		}

		@Override
		double at(final int z, final int i) { return planes[z][i] & 0xff; }
	}

	private static final class Floats extends Source {
		final float[][] planes;

		Floats(final PlanarImg<?, ?> img) {
			super(img);
			planes = new float[nz][];
			for (int z = 0; z < nz; z++) planes[z] = Planar.plane(img, z);
		}

		@Override
		void classify(final int z, final int step, final int nxs, final int nys, final int stride, final double t, final byte[] out) {
			final float[] p = planes[z];
			for (int ys = 0; ys < nys; ys++) {
				final int r = ys * step * nx, o = ys * stride;
				for (int xs = 0; xs < nxs; xs++) out[o + xs] = (byte) (p[r + xs * step] > t ? 1 : 0);
			}
		}

		@Override
		double at(final int z, final int i) { return planes[z][i]; }
	}

	/**
	 * Values appended in fixed-size blocks: no copying as a slab's mesh grows, one copy into the
	 * final array at the merge.
	 */
	static final class FloatBlocks {
		static final int BLOCK = 3 << 12;
		final List<float[]> blocks = new ArrayList<>();
		float[] current;
		int used = BLOCK, size;

		/** Room for n more values (n divides BLOCK); they go to the returned block from {@link #offset(int)}. */
		float[] reserve(final int n) {
			if (used + n > BLOCK) {
				current = new float[BLOCK];
				blocks.add(current);
				used = 0;
			}
			used += n;
			size += n;
			return current;
		}

		/** Where the last reserve(n) starts in its block. */
		int offset(final int n) { return used - n; }

		void copyTo(final float[] dst, final int at) {
			for (int b = 0, o = at, left = size; left > 0; b++) {
				final int n = Math.min(BLOCK, left);
				System.arraycopy(blocks.get(b), 0, dst, o, n);
				o += n;
				left -= n;
			}
		}
	}

	/** Triangle indices in blocks; a block may end early when the next cube's triangles do not fit. */
	static final class IntBlocks {
		static final int BLOCK = 3 << 12;
		final List<int[]> blocks = new ArrayList<>();
		/** values used in each block but the current one */
		final IntList used = new IntList();
		int[] current;
		/** values used in the current block */
		int fill = BLOCK;
		int size;

		int[] reserve(final int n) {
			if (fill + n > BLOCK) {
				if (current != null) used.add(fill);
				current = new int[BLOCK];
				blocks.add(current);
				fill = 0;
			}
			fill += n;
			size += n;
			return current;
		}

		int offset(final int n) { return fill - n; }

		/** @return how many values block b holds */
		int used(final int b) { return b < used.size ? used.data[b] : fill; }
	}

	/** Growable int array (no boxing). */
	static final class IntList {
		int[] data = new int[64];
		int size;

		void add(final int v) {
			if (size == data.length) data = Arrays.copyOf(data, data.length * 2);
			data[size++] = v;
		}
	}
}
