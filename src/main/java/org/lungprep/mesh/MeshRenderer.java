package org.lungprep.mesh;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.imglib2.parallel.Parallelization;

import org.lungprep.core.Parallel;
import org.lungprep.core.RgbPixels;

/**
 * A headless software renderer: shaded surfaces with a depth buffer into a {@link BufferedImage},
 * no display, no OpenGL, so it works with {@code java.awt.headless=true} on a cluster node.
 * <p>
 * Vertices are projected in parallel; triangles are binned into horizontal bands of
 * {@value #BAND} rows and each band is rasterized and shaded by one task (through
 * {@link Parallelization}). Within a band triangles are drawn in their global order and a pixel
 * keeps the strictly nearest one, so the picture is the same for any thread count. Shading is
 * deferred: after rasterizing, each pixel is lit once with its triangle's normals interpolated
 * (Phong shading), lit from a head-light slightly above and left of the camera. Faces are lit from
 * both sides, so open surfaces (cut by the volume border) show their inner side instead of holes.
 */
public final class MeshRenderer {

	/** Rows per raster band: fixed, so the work split does not depend on the thread count. */
	static final int BAND = 16;

	private static final float FAR = Float.POSITIVE_INFINITY;

	private MeshRenderer() { }

	/**
	 * @param meshes surfaces with colours, drawn together with one depth buffer
	 * @param settings size, camera, projection, shading
	 * @return an RGB picture (background only when there is nothing to draw)
	 */
	public static BufferedImage render(final List<ColoredMesh> meshes, final RenderSettings settings) {
		return renderPixels(meshes, settings).toBufferedImage();
	}

	/** As {@link #render}, as plain pixels (no AWT image: see {@link RgbPixels}). */
	public static RgbPixels renderPixels(final List<ColoredMesh> meshes, final RenderSettings settings) {
		if (meshes == null) throw new IllegalArgumentException("mesh list is null");
		if (settings == null) throw new IllegalArgumentException("render settings are null");
		final int ss = settings.supersampling();
		final int w = settings.width() * ss, h = settings.height() * ss;
		final Camera cam = Camera.of(meshes, settings, w, h);
		final int[] big = new int[w * h];
		Arrays.fill(big, settings.background());
		if (cam != null) new Raster(meshes, settings, cam, w, h, big).run();
		final RgbPixels img = new RgbPixels(settings.width(), settings.height());
		final int[] out = img.rgb();
		if (ss == 1) System.arraycopy(big, 0, out, 0, out.length);
		else downsample(big, w, ss, out, settings.width(), settings.height());
		return img;
	}

	/**
	 * A turntable: {@code frames} pictures with the camera stepping once around the superior axis,
	 * starting at the settings' azimuth (for an image stack in ImageJ or an animation).
	 *
	 * @param meshes surfaces with colours
	 * @param settings size, elevation, projection, shading; the azimuth is the first frame's
	 * @param frames number of pictures, at least 1
	 * @return the pictures in order
	 */
	public static List<BufferedImage> turntable(final List<ColoredMesh> meshes, final RenderSettings settings, final int frames) {
		if (frames < 1) throw new IllegalArgumentException("a turntable needs at least 1 frame, got " + frames);
		final List<BufferedImage> out = new ArrayList<>(frames);
		for (int f = 0; f < frames; f++)
			out.add(render(meshes, settings.withCamera(settings.azimuthDegrees() + 360.0 * f / frames, settings.elevationDegrees())));
		return out;
	}

	private static void downsample(final int[] big, final int w, final int ss, final int[] out, final int ow, final int oh) {
		final int n = ss * ss;
		for (int y = 0; y < oh; y++)
			for (int x = 0; x < ow; x++) {
				int r = 0, g = 0, b = 0;
				for (int dy = 0; dy < ss; dy++)
					for (int dx = 0; dx < ss; dx++) {
						final int c = big[(y * ss + dy) * w + x * ss + dx];
						r += c >> 16 & 0xff;
						g += c >> 8 & 0xff;
						b += c & 0xff;
					}
				out[y * ow + x] = (r + n / 2) / n << 16 | (g + n / 2) / n << 8 | (b + n / 2) / n;
			}
	}

	/** Camera frame and projection, in LPS mm. */
	static final class Camera {
		final double[] centre, right = new double[3], up = new double[3], forward = new double[3], toCamera = new double[3];
		final boolean perspective;
		final double scale, distance, focal;
		final int w, h;

		private Camera(final double[] centre, final double radius, final RenderSettings s, final int w, final int h) {
			this.centre = centre;
			this.w = w;
			this.h = h;
			final double az = Math.toRadians(s.azimuthDegrees()), el = Math.toRadians(s.elevationDegrees());
			// azimuth 0: camera anterior of the patient (LPS -y), looking towards +y, superior (+z) up
			toCamera[0] = Math.sin(az) * Math.cos(el);
			toCamera[1] = -Math.cos(az) * Math.cos(el);
			toCamera[2] = Math.sin(el);
			for (int d = 0; d < 3; d++) forward[d] = -toCamera[d];
			// world up is superior; looking straight down or up, use anterior as the picture's up
			double[] worldUp = { 0, 0, 1 };
			if (Math.abs(Math.cos(el)) < 1e-6) worldUp = new double[] { -Math.sin(az) * Math.signum(el), Math.cos(az) * Math.signum(el), 0 };
			cross(forward, worldUp, right);
			normalize(right);
			cross(right, forward, up);
			normalize(up);
			perspective = s.projection() == RenderSettings.Projection.PERSPECTIVE;
			final double half = Math.min(w, h) / 2.0;
			final double ss = s.supersampling();
			// 5 % margin around the bounding sphere when fitting
			scale = Double.isNaN(s.pixelsPerMm()) ? half / (radius * 1.05) : s.pixelsPerMm() * ss;
			final double tan = Math.tan(Math.toRadians(s.fieldOfViewDegrees()) / 2);
			focal = half / tan;
			distance = Double.isNaN(s.pixelsPerMm()) ? radius * 1.05 / Math.sin(Math.toRadians(s.fieldOfViewDegrees()) / 2) : focal / scale;
		}

		/** @return the camera for the scene, or null when there is nothing to draw */
		static Camera of(final List<ColoredMesh> meshes, final RenderSettings s, final int w, final int h) {
			final double[] lo = { Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE }, hi = { -Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE };
			boolean any = false;
			for (final ColoredMesh cm : meshes) {
				if (cm.mesh().isEmpty()) continue;
				any = true;
				final double[] b = cm.mesh().bounds();
				for (int d = 0; d < 3; d++) {
					lo[d] = Math.min(lo[d], b[d]);
					hi[d] = Math.max(hi[d], b[d + 3]);
				}
			}
			if (!any) return null;
			final double[] c = new double[3];
			double r2 = 0;
			for (int d = 0; d < 3; d++) {
				c[d] = (lo[d] + hi[d]) / 2;
				r2 += (hi[d] - lo[d]) * (hi[d] - lo[d]) / 4;
			}
			return new Camera(c, Math.max(Math.sqrt(r2), 1e-3), s, w, h);
		}

		/** Screen x, y (pixels, y down) and depth key (smaller = nearer, affine in screen space) of a point. */
		void project(final float px, final float py, final float pz, final float[] out, final int o) {
			final double x = px - centre[0], y = py - centre[1], z = pz - centre[2];
			final double cr = x * right[0] + y * right[1] + z * right[2];
			final double cu = x * up[0] + y * up[1] + z * up[2];
			final double cf = x * forward[0] + y * forward[1] + z * forward[2];
			if (perspective) {
				final double depth = cf + distance;
				final double f = focal / depth;
				out[o] = (float) (w / 2.0 + cr * f);
				out[o + 1] = (float) (h / 2.0 - cu * f);
				// 1/depth is affine in screen space; negate so that nearer is smaller; behind the camera: NaN
				out[o + 2] = depth > 1e-6 ? (float) (-1 / depth) : Float.NaN;
			}
			else {
				out[o] = (float) (w / 2.0 + cr * scale);
				out[o + 1] = (float) (h / 2.0 - cu * scale);
				out[o + 2] = (float) cf;
			}
		}
	}

	/** One rendering: projected vertices, band bins, per-band depth buffer and deferred shading. */
	private static final class Raster {
		final List<ColoredMesh> meshes;
		final RenderSettings s;
		final Camera cam;
		final int w, h;
		final int[] pixels;
		/** projected vertices of all meshes, 3 floats each, and per-mesh offsets */
		final float[] screen;
		final int[] vOffset, tOffset;
		final int totalTriangles;
		final double[] light = new double[3], view;

		Raster(final List<ColoredMesh> meshes, final RenderSettings s, final Camera cam, final int w, final int h, final int[] pixels) {
			this.meshes = meshes;
			this.s = s;
			this.cam = cam;
			this.w = w;
			this.h = h;
			this.pixels = pixels;
			vOffset = new int[meshes.size() + 1];
			tOffset = new int[meshes.size() + 1];
			for (int m = 0; m < meshes.size(); m++) {
				vOffset[m + 1] = vOffset[m] + meshes.get(m).mesh().vertexCount();
				tOffset[m + 1] = tOffset[m] + meshes.get(m).mesh().triangleCount();
			}
			totalTriangles = tOffset[meshes.size()];
			screen = new float[3 * vOffset[meshes.size()]];
			// head-light: from the camera, a little above and to the left
			for (int d = 0; d < 3; d++) light[d] = cam.toCamera[d] + 0.35 * cam.up[d] - 0.25 * cam.right[d];
			normalize(light);
			view = cam.toCamera;
		}

		void run() {
			project();
			final int nBands = (h + BAND - 1) / BAND;
			final int[][] bins = bin(nBands);
			Parallel.forEach(nBands, b -> drawBand(b, bins[b]));
		}

		private void project() {
			final List<int[]> chunks = new ArrayList<>();
			for (int m = 0; m < meshes.size(); m++)
				for (int v = 0; v < meshes.get(m).mesh().vertexCount(); v += 65536)
					chunks.add(new int[] { m, v, Math.min(meshes.get(m).mesh().vertexCount(), v + 65536) });
			Parallelization.getTaskExecutor().forEach(chunks, c -> {
				final float[] p = meshes.get(c[0]).mesh().vertices();
				final int base = 3 * vOffset[c[0]];
				for (int v = c[1]; v < c[2]; v++) cam.project(p[3 * v], p[3 * v + 1], p[3 * v + 2], screen, base + 3 * v);
			});
		}

		/** Triangle ids (global, in order) per band of rows they may cover. */
		private int[][] bin(final int nBands) {
			final int[] count = new int[nBands];
			final int[] first = new int[totalTriangles], last = new int[totalTriangles];
			int t = 0;
			for (int m = 0; m < meshes.size(); m++) {
				final int[] tri = meshes.get(m).mesh().triangles();
				final int vb = 3 * vOffset[m];
				for (int i = 0; i < tri.length; i += 3, t++) {
					final int a = vb + 3 * tri[i], b = vb + 3 * tri[i + 1], c = vb + 3 * tri[i + 2];
					final float za = screen[a + 2], zb = screen[b + 2], zc = screen[c + 2];
					final float y0 = Math.min(screen[a + 1], Math.min(screen[b + 1], screen[c + 1]));
					final float y1 = Math.max(screen[a + 1], Math.max(screen[b + 1], screen[c + 1]));
					// NaN depth: behind a perspective camera; outside the picture: nothing to draw
					if (za != za || zb != zb || zc != zc || y1 < 0 || y0 > h || !(y1 - y0 < 4 * h)) {
						first[t] = 1;
						last[t] = 0;
						continue;
					}
					first[t] = Math.max(0, floor(y0 - 0.5f)) / BAND;
					last[t] = Math.min(h - 1, ceil(y1)) / BAND;
					for (int b2 = first[t]; b2 <= last[t]; b2++) count[b2]++;
				}
			}
			final int[][] bins = new int[nBands][];
			for (int b = 0; b < nBands; b++) bins[b] = new int[count[b]];
			Arrays.fill(count, 0);
			for (t = 0; t < totalTriangles; t++)
				for (int b = first[t]; b <= last[t]; b++) bins[b][count[b]++] = t;
			return bins;
		}

		private int meshOf(final int t) {
			int m = 0;
			while (t >= tOffset[m + 1]) m++;
			return m;
		}

		private void drawBand(final int band, final int[] tris) {
			final int y0 = band * BAND, y1 = Math.min(h, y0 + BAND);
			final int rows = y1 - y0;
			final float[] depth = new float[rows * w];
			final int[] id = new int[rows * w];
			Arrays.fill(depth, FAR);
			Arrays.fill(id, -1);
			final int[] corner = new int[3];
			for (final int t : tris) {
				final int m = meshOf(t);
				final int[] tri = meshes.get(m).mesh().triangles();
				final int local = 3 * (t - tOffset[m]);
				for (int k = 0; k < 3; k++) corner[k] = 3 * (vOffset[m] + tri[local + k]);
				final float ax = screen[corner[0]], ay = screen[corner[0] + 1], az = screen[corner[0] + 2];
				final float bx = screen[corner[1]], by = screen[corner[1] + 1], bz = screen[corner[1] + 2];
				final float cx = screen[corner[2]], cy = screen[corner[2] + 1], cz = screen[corner[2] + 2];
				final float area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
				if (area == 0) continue;
				final float inv = 1 / area;
				// pixel centres at +0.5; rows of this band only
				final int minX = Math.max(0, ceil(Math.min(ax, Math.min(bx, cx)) - 0.5f));
				final int maxX = Math.min(w - 1, floor(Math.max(ax, Math.max(bx, cx)) - 0.5f));
				final int minY = Math.max(y0, ceil(Math.min(ay, Math.min(by, cy)) - 0.5f));
				final int maxY = Math.min(y1 - 1, floor(Math.max(ay, Math.max(by, cy)) - 0.5f));
				if (minX > maxX) continue;
				// barycentric weights (positive inside for either winding) and depth step along x
				final float d0 = (by - cy) * inv, d1 = (cy - ay) * inv, dz = d0 * az + d1 * bz - (d0 + d1) * cz;
				final float px0 = minX + 0.5f;
				for (int y = minY; y <= maxY; y++) {
					final float py = y + 0.5f;
					float w0 = ((bx - px0) * (cy - py) - (by - py) * (cx - px0)) * inv;
					float w1 = ((cx - px0) * (ay - py) - (cy - py) * (ax - px0)) * inv;
					float z = w0 * az + w1 * bz + (1 - w0 - w1) * cz;
					final int row = (y - y0) * w;
					for (int x = minX; x <= maxX; x++, w0 += d0, w1 += d1, z += dz) {
						if (w0 < 0 || w1 < 0 || w0 + w1 > 1) continue;
						final int p = row + x;
						if (z < depth[p]) {
							depth[p] = z;
							id[p] = t;
						}
					}
				}
			}
			shade(y0, rows, id);
		}

		/** Lights each covered pixel of the band with its triangle's interpolated normal. */
		private void shade(final int y0, final int rows, final int[] id) {
			final boolean phong = s.shading() == RenderSettings.Shading.PHONG;
			final double[] n = new double[3];
			for (int r = 0; r < rows; r++)
				for (int x = 0; x < w; x++) {
					final int t = id[r * w + x];
					if (t < 0) continue;
					final int m = meshOf(t);
					final TriangleMesh mesh = meshes.get(m).mesh();
					final int[] tri = mesh.triangles();
					final float[] nv = mesh.normals();
					final int local = 3 * (t - tOffset[m]);
					final int ia = tri[local], ib = tri[local + 1], ic = tri[local + 2];
					final int a = 3 * (vOffset[m] + ia), b = 3 * (vOffset[m] + ib), c = 3 * (vOffset[m] + ic);
					final float px = x + 0.5f, py = y0 + r + 0.5f;
					final float ax = screen[a], ay = screen[a + 1], bx = screen[b], by = screen[b + 1], cx = screen[c], cy = screen[c + 1];
					final float area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
					double w0 = ((bx - px) * (cy - py) - (by - py) * (cx - px)) / area;
					double w1 = ((cx - px) * (ay - py) - (cy - py) * (ax - px)) / area;
					double w2 = 1 - w0 - w1;
					if (cam.perspective) {
						// perspective-correct: weights over depth (screen z is -1/depth)
						w0 *= -screen[a + 2];
						w1 *= -screen[b + 2];
						w2 *= -screen[c + 2];
						final double sum = w0 + w1 + w2;
						w0 /= sum;
						w1 /= sum;
						w2 /= sum;
					}
					for (int d = 0; d < 3; d++) n[d] = w0 * nv[3 * ia + d] + w1 * nv[3 * ib + d] + w2 * nv[3 * ic + d];
					if (normalize(n) == 0) faceNormal(mesh, local, n);
					pixels[(y0 + r) * w + x] = light(n, meshes.get(m).rgb(), phong);
				}
		}

		private void faceNormal(final TriangleMesh mesh, final int local, final double[] n) {
			final float[] v = mesh.vertices();
			final int[] tri = mesh.triangles();
			final int a = 3 * tri[local], b = 3 * tri[local + 1], c = 3 * tri[local + 2];
			final double[] u = { v[b] - v[a], v[b + 1] - v[a + 1], v[b + 2] - v[a + 2] }, q = { v[c] - v[a], v[c + 1] - v[a + 1], v[c + 2] - v[a + 2] };
			cross(u, q, n);
			if (normalize(n) == 0) System.arraycopy(view, 0, n, 0, 3);
		}

		private int light(final double[] n, final int rgb, final boolean phong) {
			double nv = n[0] * view[0] + n[1] * view[1] + n[2] * view[2];
			if (nv < 0) {
				// back side of an open surface: light it as its front
				for (int d = 0; d < 3; d++) n[d] = -n[d];
				nv = -nv;
			}
			final double nl = Math.max(0, n[0] * light[0] + n[1] * light[1] + n[2] * light[2]);
			final double diffuse = 0.18 + 0.82 * nl;
			double spec = 0;
			if (phong && nl > 0) {
				// reflect the light about n and compare with the view direction
				final double rv = 2 * nl * nv - (light[0] * view[0] + light[1] * view[1] + light[2] * view[2]);
				if (rv > 0) spec = 0.35 * Math.pow(rv, 24);
			}
			final int r = clamp((rgb >> 16 & 0xff) * diffuse + 255 * spec);
			final int g = clamp((rgb >> 8 & 0xff) * diffuse + 255 * spec);
			final int b = clamp((rgb & 0xff) * diffuse + 255 * spec);
			return r << 16 | g << 8 | b;
		}
	}

	/** Ceiling for the clamped pixel ranges (Math.ceil is slow on some JDKs); NaN gives 0. */
	static int ceil(final float v) {
		final int i = (int) v;
		return v > i ? i + 1 : i;
	}

	static int floor(final float v) {
		final int i = (int) v;
		return v < i ? i - 1 : i;
	}

	private static int clamp(final double v) { return (int) Math.max(0, Math.min(255, Math.round(v))); }

	static void cross(final double[] a, final double[] b, final double[] out) {
		final double x = a[1] * b[2] - a[2] * b[1], y = a[2] * b[0] - a[0] * b[2], z = a[0] * b[1] - a[1] * b[0];
		out[0] = x;
		out[1] = y;
		out[2] = z;
	}

	static double normalize(final double[] v) {
		final double l = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
		if (l > 0)
			for (int d = 0; d < 3; d++) v[d] /= l;
		return l;
	}
}
