package org.lungprep.resample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.lungprep.core.Geometry;
import org.lungprep.core.Parallel;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeInfo;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Resamples a volume to a target spacing with the tutorial's shape rule ({@link ResampleRule}), on one of two sample
 * grids ({@link Grid}), with nearest, linear or cubic B-spline interpolation.
 * <p>
 * The work is separable: one pass per axis, the axis that shrinks the data most first, each pass on blocks of lines in
 * parallel (ImgLib2's {@link Parallelization}); every output value is computed by exactly one task, so results do not
 * depend on the number of threads. Passes along x and y that follow each other run together plane by plane, so their
 * intermediate is one plane per thread; the intermediate before or after the z pass is a float32 volume. The cubic
 * spline's coefficients are computed in double per block. int16 results are rounded to nearest and clamped (cubic
 * overshoot never wraps); uint8 volumes are masks or labels and always use nearest.
 */
public final class Resampler {

	private static final int BLOCK = 512;
	private static final int TILE = 32;

	private Resampler() { }

	/**
	 * @param v the volume (ShortType, UnsignedByteType or FloatType)
	 * @param settings target spacing and method
	 * @param progress progress and cancellation
	 * @return the resampled volume, same type, carrying its true spacing and origin
	 */
	@SuppressWarnings("unchecked")
	public static <T extends RealType<T>> Volume<T> resample(final Volume<T> v, final ResampleSettings settings, final ProgressListener progress) {
		final T type = v.image().getType();
		final Plan plan = new Plan(v.dimensions(), v.geometry(), settings, type);
		final List<Integer> passes = plan.passes;
		final PlanarImg<?, ?> input = planar(v.image(), type);
		Planes current = planes(input, type);
		final int[] dims = plan.n.clone();
		for (int p = 0; p < passes.size(); p++) {
			progress.checkCancelled();
			final int d = passes.get(p);
			// passes along x and y one after the other run together, plane by plane: their intermediate is one plane
			// per thread instead of a float volume
			final boolean fused = d != 2 && p + 1 < passes.size() && passes.get(p + 1) != 2;
			final int d2 = fused ? passes.get(p + 1) : -1;
			dims[d] = plan.m[d];
			if (fused) dims[d2] = plan.m[d2];
			final int done = fused ? p + 2 : p + 1;
			final boolean last = done == passes.size();
			final PlanarImg<?, ?> target = last ? allocate(type, dims) : null;
			final Planes next = last ? planes(target, type) : Planes.Floats.allocate(dims[0], dims[1], dims[2]);
			if (fused) passInPlane(current, next, d, plan.kernels[d], plan.kernels[d2]);
			else pass(current, next, d, plan.kernels[d]);
			current = next;
			if (fused) p++;
			progress.progress("resampling", done / (double) passes.size());
			if (last) return new Volume<>((RandomAccessibleInterval<T>) target, plan.out, v.info());
		}
		// nothing to do along any axis
		progress.progress("resampling", 1);
		final PlanarImg<?, ?> copy = allocate(type, dims);
		final Planes c = planes(copy, type);
		final double[] row = new double[dims[0] * dims[1]];
		for (int z = 0; z < dims[2]; z++) {
			current.read(z, 0, row.length, row, 0, 1);
			c.write(z, 0, row.length, row, 0, 1);
		}
		return new Volume<>((RandomAccessibleInterval<T>) copy, plan.out, v.info());
	}

	/** What a resampling does: the output size, the kernels, the passes in the order they run, the output geometry. */
	private static final class Plan {
		final int[] n, m = new int[3];
		final AxisKernel[] kernels = new AxisKernel[3];
		final Geometry out;
		final List<Integer> passes = new ArrayList<>();

		Plan(final long[] dims, final Geometry g, final ResampleSettings settings, final Object type) {
			final boolean mask = type instanceof UnsignedByteType;
			if (!(type instanceof ShortType || mask || type instanceof FloatType))
				throw new IllegalArgumentException("resampling supports int16, uint8 and float32 volumes, not " + type.getClass().getSimpleName());
			final Interpolation interpolation = mask ? Interpolation.NEAREST : settings.interpolation();
			n = new int[] { (int) dims[0], (int) dims[1], (int) dims[2] };
			final double[] newSpacing = new double[3];
			for (int d = 0; d < 3; d++) {
				final long size = ResampleRule.newSize(n[d], g.spacing(d), settings.spacing(d));
				if (size > 100_000) throw new IllegalArgumentException("resampling axis " + "xyz".charAt(d) + " to " + size + " samples is not sensible");
				m[d] = (int) size;
				newSpacing[d] = ResampleRule.newSpacing(n[d], g.spacing(d), m[d]);
				kernels[d] = AxisKernel.of(n[d], m[d], interpolation, settings.grid(), settings.antiAliasing() && !mask);
			}
			// origin: the input position of output sample 0 along each axis, in physical space
			final double[] shift = new double[3];
			for (int d = 0; d < 3; d++)
				shift[d] = kernels[d].firstPosition;
			out = new Geometry(newSpacing, g.toPhysical(shift), g.direction());
			// the axis that shrinks the data most first
			final Integer[] order = { 0, 1, 2 };
			Arrays.sort(order, (a, b) -> Double.compare(m[a] / (double) n[a], m[b] / (double) n[b]));
			for (final int d : order)
				if (!kernels[d].identity(settings.grid())) passes.add(d);
		}
	}

	/**
	 * A resampling fed one input slice at a time, for pipelines that read a CT slice by slice and never hold it whole
	 * (the DICOM reader's {@code streamConverted}): each slice's passes along x and y run as it arrives, in the
	 * calling thread; {@link #finish} runs the pass along z, if any. Results are exactly those of
	 * {@link Resampler#resample} on the whole volume.
	 */
	public static final class SliceStream {
		private final Plan plan;
		private final int nx, ny;
		private final Planes target;
		private final PlanarImg<?, ?> output;
		private final ThreadLocal<AxisKernel.Scratch> scratch = ThreadLocal.withInitial(AxisKernel.Scratch::new);
		private final ThreadLocal<double[][]> lines = ThreadLocal.withInitial(() -> new double[1][]);
		private final ThreadLocal<Planes.RoundedDoubles> mids;

		private SliceStream(final Plan plan) {
			this.plan = plan;
			nx = plan.n[0];
			ny = plan.n[1];
			final boolean zPass = plan.passes.get(plan.passes.size() - 1) == 2;
			final int mx = plan.m[0], my = plan.m[1];
			if (zPass) {
				target = Planes.Floats.allocate(mx, my, plan.n[2]);
				output = null;
			}
			else {
				output = allocate(new ShortType(), new int[] { mx, my, plan.n[2] });
				target = planes(output, new ShortType());
			}
			final int first = plan.passes.get(0);
			final int midNx = first == 0 ? mx : nx, midNy = first == 0 ? ny : my;
			mids = ThreadLocal.withInitial(() -> new Planes.RoundedDoubles(new double[midNx * midNy], midNx, midNy));
		}

		/**
		 * Resamples one input slice in-plane; slices may come in any order, from several threads, each once.
		 *
		 * @param z the slice's index
		 * @param slice its values (x fastest), not kept
		 */
		public void accept(final int z, final short[] slice) {
			if (slice.length != nx * ny) throw new IllegalArgumentException("slice of " + slice.length + " values, expected " + nx + "x" + ny);
			final Planes src = new Planes.Shorts(new short[][] { slice }, nx, ny);
			final List<Integer> passes = plan.passes;
			final int first = passes.get(0);
			final boolean two = passes.size() > 1 && passes.get(1) != 2;
			final AxisKernel.Scratch s = scratch.get();
			final double[][] holder = lines.get();
			if (two) inPlane(src, 0, target, z, first, plan.kernels[first], plan.kernels[passes.get(1)], s, holder, mids.get());
			else if (first == 0) alongX(src, 0, target, z, plan.kernels[0], s, holder);
			else alongY(src, 0, target, z, plan.kernels[1], s, holder);
		}

		/**
		 * @param info the input's metadata (known once it is read), passed on to the result
		 * @param progress progress and cancellation
		 * @return the resampled volume, once every slice was accepted
		 */
		public Volume<ShortType> finish(final VolumeInfo info, final ProgressListener progress) {
			if (info == null) throw new IllegalArgumentException("info is null");
			progress.checkCancelled();
			PlanarImg<?, ?> result = output;
			if (result == null) {
				result = allocate(new ShortType(), plan.m);
				pass(target, planes(result, new ShortType()), 2, plan.kernels[2]);
			}
			progress.progress("resampling", 1);
			@SuppressWarnings("unchecked")
			final RandomAccessibleInterval<ShortType> img = (RandomAccessibleInterval<ShortType>) result;
			return new Volume<>(img, plan.out, info);
		}
	}

	/**
	 * @param dims the input's size (x, y, z)
	 * @param geometry its geometry
	 * @param settings target spacing and method
	 * @return a slice-by-slice resampling of an int16 volume, or null when this one cannot be done slice by slice: its
	 *         first pass is along z (z shrinks the most), or nothing changes in-plane
	 */
	public static SliceStream streaming(final long[] dims, final Geometry geometry, final ResampleSettings settings) {
		final Plan plan = new Plan(dims, geometry, settings, new ShortType());
		final List<Integer> passes = plan.passes;
		// at least one in-plane pass, and z only as the last pass
		if (passes.isEmpty() || passes.get(0) == 2) return null;
		for (int p = 1; p < passes.size() - 1; p++)
			if (passes.get(p) == 2) return null;
		return new SliceStream(plan);
	}

	/** One separable pass along axis d, in parallel over planes (x, y) or blocks of positions (z). */
	private static void pass(final Planes src, final Planes dst, final int d, final AxisKernel k) {
		final List<int[]> tasks = new ArrayList<>();
		if (d == 2) {
			final int positions = src.nx * src.ny;
			for (int p0 = 0; p0 < positions; p0 += BLOCK)
				tasks.add(new int[] { p0, Math.min(BLOCK, positions - p0) });
		}
		else for (int z = 0; z < src.nz; z++)
			tasks.add(new int[] { z });
		final ThreadLocal<AxisKernel.Scratch> scratch = ThreadLocal.withInitial(AxisKernel.Scratch::new);
		final ThreadLocal<double[][]> lines = ThreadLocal.withInitial(() -> new double[1][]);
		Parallelization.getTaskExecutor().forEach(tasks, t -> {
			final AxisKernel.Scratch s = scratch.get();
			final double[][] holder = lines.get();
			if (d == 0) alongX(src, t[0], dst, t[0], k, s, holder);
			else if (d == 1) alongY(src, t[0], dst, t[0], k, s, holder);
			else {
				final int p0 = t[0], bw = t[1];
				final double[] block = buffer(holder, src.nz * bw);
				for (int i = 0; i < src.nz; i++)
					src.read(i, p0, bw, block, i * bw, 1);
				k.applyTo(block, bw, s, dst, p0);
			}
		});
	}

	/**
	 * Two passes, along x and y in either order, one plane at a time: the first pass's plane goes to a per-thread plane
	 * of doubles holding float32 values (rounded like the stored intermediate of separate passes, so results are the
	 * same), which the second pass reads.
	 */
	private static void passInPlane(final Planes src, final Planes dst, final int first, final AxisKernel k1, final AxisKernel k2) {
		final int midNx = first == 0 ? dst.nx : src.nx, midNy = first == 0 ? src.ny : dst.ny;
		final ThreadLocal<AxisKernel.Scratch> scratch = ThreadLocal.withInitial(AxisKernel.Scratch::new);
		final ThreadLocal<double[][]> lines = ThreadLocal.withInitial(() -> new double[1][]);
		final ThreadLocal<Planes.RoundedDoubles> mids = ThreadLocal.withInitial(() -> new Planes.RoundedDoubles(new double[midNx * midNy], midNx, midNy));
		Parallel.forEach(src.nz, z -> inPlane(src, z, dst, z, first, k1, k2, scratch.get(), lines.get(), mids.get()));
	}

	/** The two in-plane passes of plane zs of src into plane zd of dst, through the per-thread plane mid. */
	private static void inPlane(final Planes src, final int zs, final Planes dst, final int zd, final int first, final AxisKernel k1, final AxisKernel k2,
		final AxisKernel.Scratch s, final double[][] holder, final Planes.RoundedDoubles mid)
	{
		if (first == 0) {
			alongX(src, zs, mid, 0, k1, s, holder);
			// the plane as it is stored is already [y][x]: the y kernel runs on it directly
			dst.write(zd, 0, dst.nx * dst.ny, k2.apply(mid.p, mid.nx, s), 0, 1);
		}
		else {
			alongY(src, zs, mid, 0, k1, s, holder);
			alongX(mid, 0, dst, zd, k2, s, holder);
		}
	}

	/** Lines along x of plane zs into plane zd, in tiles of rows transposed to [x][row] so the kernel runs over a tile's rows at once. */
	private static void alongX(final Planes src, final int zs, final Planes dst, final int zd, final AxisKernel k, final AxisKernel.Scratch s,
		final double[][] holder)
	{
		final double[] block = buffer(holder, src.nx * TILE);
		for (int y0 = 0; y0 < src.ny; y0 += TILE) {
			final int rows = Math.min(TILE, src.ny - y0);
			for (int r = 0; r < rows; r++)
				src.read(zs, (y0 + r) * src.nx, src.nx, block, r, rows);
			final double[] o = k.apply(block, rows, s);
			for (int r = 0; r < rows; r++)
				dst.write(zd, (y0 + r) * dst.nx, dst.nx, o, r, rows);
		}
	}

	/** Lines along y of plane zs into plane zd: the plane as it is stored is already [y][x]. */
	private static void alongY(final Planes src, final int zs, final Planes dst, final int zd, final AxisKernel k, final AxisKernel.Scratch s,
		final double[][] holder)
	{
		final double[] block = buffer(holder, src.nx * src.ny);
		src.read(zs, 0, src.nx * src.ny, block, 0, 1);
		final double[] o = k.apply(block, src.nx, s);
		dst.write(zd, 0, dst.nx * dst.ny, o, 0, 1);
	}

	private static double[] buffer(final double[][] holder, final int size) {
		if (holder[0] == null || holder[0].length < size) holder[0] = new double[size];
		return holder[0];
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static PlanarImg<?, ?> planar(final RandomAccessibleInterval img, final Object type) {
		if (type instanceof ShortType) return (PlanarImg) Planar.asShorts(img);
		if (type instanceof UnsignedByteType) return (PlanarImg) Planar.asUnsignedBytes(img);
		return (PlanarImg) Planar.asFloats(img);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static PlanarImg<?, ?> allocate(final Object type, final int[] dims) {
		if (type instanceof ShortType) return (PlanarImg) Planar.shorts(dims[0], dims[1], dims[2]);
		if (type instanceof UnsignedByteType) return (PlanarImg) Planar.unsignedBytes(dims[0], dims[1], dims[2]);
		return (PlanarImg) Planar.floats(dims[0], dims[1], dims[2]);
	}

	private static Planes planes(final PlanarImg<?, ?> img, final Object type) {
		final int nx = (int) img.dimension(0), ny = (int) img.dimension(1), nz = (int) img.dimension(2);
		if (type instanceof ShortType) {
			final short[][] p = new short[nz][];
			for (int z = 0; z < nz; z++)
				p[z] = Planar.plane(img, z);
			return new Planes.Shorts(p, nx, ny);
		}
		if (type instanceof UnsignedByteType) {
			final byte[][] p = new byte[nz][];
			for (int z = 0; z < nz; z++)
				p[z] = Planar.plane(img, z);
			return new Planes.Bytes(p, nx, ny);
		}
		final float[][] p = new float[nz][];
		for (int z = 0; z < nz; z++)
			p[z] = Planar.plane(img, z);
		return new Planes.Floats(p, nx, ny);
	}
}
