package org.lungprep.pipeline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;


import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * The QC picture of a preprocessed scan: axial, coronal and sagittal slices through the centre of the lungs in a lung
 * window (-1350..150 HU), with the outline of the right (red) and left (blue) lung, orientation letters and a 50 mm
 * scale bar; square millimetres on screen (spacing taken into account). Needs no display.
 */
public final class QcPicture {

	private static final int PANEL = 300;
	private static final double WINDOW_LO = -1350, WINDOW_HI = 150;

	private QcPicture() { }

	/**
	 * @param ct the CT in HU
	 * @param labels lung labels on the same grid (0, 1 right, 2 left; or 0/1)
	 * @return the picture
	 */
	public static BufferedImage render(final Volume<ShortType> ct, final Volume<UnsignedByteType> labels) {
		final int nx = ct.size(0), ny = ct.size(1), nz = ct.size(2);
		final PlanarImg<ShortType, ?> c = Planar.asShorts(ct.image());
		final PlanarImg<UnsignedByteType, ?> l = Planar.asUnsignedBytes(labels.image());
		// centre of the lungs (or of the volume when there are none)
		long n = 0, sx = 0, sy = 0, sz = 0;
		for (int z = 0; z < nz; z++) {
			final byte[] p = Planar.plane(l, z);
			for (int i = 0; i < p.length; i++)
				if (p[i] != 0) {
					n++;
					sx += i % nx;
					sy += i / nx;
					sz += z;
				}
		}
		final int cx = n == 0 ? nx / 2 : (int) (sx / n), cy = n == 0 ? ny / 2 : (int) (sy / n), cz = n == 0 ? nz / 2 : (int) (sz / n);
		final Geometry g = ct.geometry();
		final boolean superiorUp = g.direction()[8] >= 0;
		final BufferedImage out = new BufferedImage(3 * PANEL, PANEL + 24, BufferedImage.TYPE_INT_RGB);
		final Graphics2D gr = out.createGraphics();
		gr.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		gr.setColor(Color.BLACK);
		gr.fillRect(0, 0, out.getWidth(), out.getHeight());
		// physical extent of each view, so all three share one mm-per-pixel scale
		final double wx = nx * g.spacing(0), wy = ny * g.spacing(1), wz = nz * g.spacing(2);
		final double mmPerPixel = Math.max(Math.max(wx, wy), Math.max(wy, wz)) / PANEL;
		final Sampler axial = (u, v) -> new int[] { (int) (u / g.spacing(0)), (int) (v / g.spacing(1)), cz };
		final Sampler coronal = (u, v) -> new int[] { (int) (u / g.spacing(0)), cy, zIndex(v, g, nz, superiorUp) };
		final Sampler sagittal = (u, v) -> new int[] { cx, (int) (u / g.spacing(1)), zIndex(v, g, nz, superiorUp) };
		panel(out, 0, axial, wx, wy, mmPerPixel, c, l, nx, ny, nz);
		panel(out, PANEL, coronal, wx, wz, mmPerPixel, c, l, nx, ny, nz);
		panel(out, 2 * PANEL, sagittal, wy, wz, mmPerPixel, c, l, nx, ny, nz);
		gr.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		gr.setColor(Color.YELLOW);
		final String[][] letters = { { "R", "L", "A", "P" }, { "R", "L", "S", "I" }, { "A", "P", "S", "I" } };
		final String[] names = { "axial z=" + cz, "coronal y=" + cy, "sagittal x=" + cx };
		for (int k = 0; k < 3; k++) {
			final int x0 = k * PANEL;
			gr.drawString(letters[k][0], x0 + 4, PANEL / 2);
			gr.drawString(letters[k][1], x0 + PANEL - 12, PANEL / 2);
			gr.drawString(letters[k][2], x0 + PANEL / 2, 14);
			gr.drawString(letters[k][3], x0 + PANEL / 2, PANEL - 4);
			gr.setColor(Color.WHITE);
			gr.drawString(names[k], x0 + 6, PANEL + 16);
			gr.setColor(Color.YELLOW);
		}
		final int bar = (int) Math.round(50 / mmPerPixel);
		gr.setStroke(new BasicStroke(2));
		gr.drawLine(3 * PANEL - bar - 10, PANEL + 12, 3 * PANEL - 10, PANEL + 12);
		gr.drawString("50 mm", 3 * PANEL - bar - 55, PANEL + 16);
		gr.dispose();
		return out;
	}

	/** Maps panel millimetres (u right, v down) to a voxel. */
	@FunctionalInterface
	private interface Sampler {
		int[] voxel(double u, double v);
	}

	private static int zIndex(final double v, final Geometry g, final int nz, final boolean superiorUp) {
		final int k = (int) (v / g.spacing(2));
		return superiorUp ? nz - 1 - k : k;
	}

	private static void panel(final BufferedImage out, final int x0, final Sampler s, final double widthMm, final double heightMm, final double mmPerPixel,
		final PlanarImg<ShortType, ?> c, final PlanarImg<UnsignedByteType, ?> l, final int nx, final int ny, final int nz)
	{
		final int w = Math.min(PANEL, (int) (widthMm / mmPerPixel)), h = Math.min(PANEL, (int) (heightMm / mmPerPixel));
		final int ox = x0 + (PANEL - w) / 2, oy = (PANEL - h) / 2;
		final int[][] label = new int[h][w];
		for (int py = 0; py < h; py++)
			for (int px = 0; px < w; px++) {
				final int[] v = s.voxel((px + 0.5) * mmPerPixel, (py + 0.5) * mmPerPixel);
				if (v[0] < 0 || v[1] < 0 || v[2] < 0 || v[0] >= nx || v[1] >= ny || v[2] >= nz) continue;
				final int i = v[1] * nx + v[0];
				final double hu = ((short[]) Planar.plane(c, v[2]))[i];
				final int grey = (int) Math.max(0, Math.min(255, (hu - WINDOW_LO) * 255 / (WINDOW_HI - WINDOW_LO)));
				out.setRGB(ox + px, oy + py, new Color(grey, grey, grey).getRGB());
				label[py][px] = ((byte[]) Planar.plane(l, v[2]))[i];
			}
		// outline: labelled pixels with a differently labelled 4-neighbour
		for (int py = 0; py < h; py++)
			for (int px = 0; px < w; px++) {
				final int lab = label[py][px];
				if (lab == 0) continue;
				final boolean edge = px == 0 || py == 0 || px == w - 1 || py == h - 1 || label[py][px - 1] != lab || label[py][px + 1] != lab
					|| label[py - 1][px] != lab || label[py + 1][px] != lab;
				if (edge) out.setRGB(ox + px, oy + py, lab == 2 ? new Color(60, 140, 255).getRGB() : new Color(255, 60, 60).getRGB());
			}
	}

}
