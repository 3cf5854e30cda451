package org.lungprep.ij1;

import java.awt.Button;
import java.awt.Choice;
import java.awt.TextField;
import java.awt.event.ActionEvent;
import java.util.Arrays;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

/**
 * Runs inside the real ImageJ 1.x (started by {@link ImageJApplicationIT} under Xvfb, not in batch mode): opens the
 * Macro Recorder, runs Resample Isotropic... through its dialog (fields filled and OK pressed as a user would), takes
 * the line the Recorder wrote, replays it as a macro, and prints whether both results are identical.
 * Args: the CT folder.
 */
public final class RecorderReplay {

	private RecorderReplay() { }

	public static void main(final String[] args) throws Exception {
		new ImageJ(ImageJ.NO_SHOW);
		IJ.run("Open CT Series...", "folder=[" + args[0] + "] series=[]");
		final ImagePlus ct = WindowManager.getCurrentImage();
		final Recorder recorder = new Recorder(false);
		Recorder.record = true;
		// a user's run: the dialog appears, the user types 4 mm, picks linear, presses OK
		// wait for events, not for time: the dialog opening, then the result image opening
		final java.util.concurrent.CompletableFuture<GenericDialog> opened = new java.util.concurrent.CompletableFuture<>();
		java.awt.Toolkit.getDefaultToolkit().addAWTEventListener(e -> {
			if (e.getID() == java.awt.event.WindowEvent.WINDOW_OPENED && e.getSource() instanceof GenericDialog) opened.complete((GenericDialog) e.getSource());
		}, java.awt.AWTEvent.WINDOW_EVENT_MASK);
		final java.util.concurrent.CompletableFuture<ImagePlus> result = new java.util.concurrent.CompletableFuture<>();
		ImagePlus.addImageListener(new ij.ImageListener() {
			@Override
			public void imageOpened(final ImagePlus imp) {
				if (imp != ct) result.complete(imp);
			}

			@Override
			public void imageClosed(final ImagePlus imp) { /* not needed */ }

			@Override
			public void imageUpdated(final ImagePlus imp) { /* not needed */ }
		});
		// the menu's path: Executer records the command and the options the dialog collects
		new ij.Executer("Resample Isotropic...", ct);
		final GenericDialog dialog = opened.get(60, java.util.concurrent.TimeUnit.SECONDS);
		java.awt.EventQueue.invokeAndWait(() -> {
			((TextField) dialog.getNumericFields().get(0)).setText("4");
			((Choice) dialog.getChoices().get(0)).select("linear");
			final Button ok = dialog.getButtons()[0];
			dialog.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, "OK"));
		});
		final ImagePlus viaDialog = result.get(120, java.util.concurrent.TimeUnit.SECONDS);
		Recorder.record = false;
		String line = null;
		for (final String l : recorder.getText().split("\n"))
			if (l.startsWith("run(\"Resample Isotropic...\"")) line = l;
		System.out.println("recorded: " + line);
		if (line == null) System.out.println("recorder text: " + recorder.getText());
		final java.util.concurrent.CompletableFuture<ImagePlus> second = new java.util.concurrent.CompletableFuture<>();
		ImagePlus.addImageListener(new ij.ImageListener() {
			@Override
			public void imageOpened(final ImagePlus imp) {
				if (imp != ct && imp != viaDialog) second.complete(imp);
			}

			@Override
			public void imageClosed(final ImagePlus imp) { /* not needed */ }

			@Override
			public void imageUpdated(final ImagePlus imp) { /* not needed */ }
		});
		IJ.runMacro("selectImage(" + ct.getID() + ");\n" + line);
		final ImagePlus replayed = second.get(120, java.util.concurrent.TimeUnit.SECONDS);
		boolean same = viaDialog != replayed && viaDialog.getStackSize() == replayed.getStackSize()
			&& viaDialog.getCalibration().pixelDepth == replayed.getCalibration().pixelDepth;
		for (int z = 1; same && z <= viaDialog.getStackSize(); z++)
			same = Arrays.equals((short[]) viaDialog.getStack().getPixels(z), (short[]) replayed.getStack().getPixels(z));
		System.out.println("slices " + viaDialog.getStackSize() + " spacing " + viaDialog.getCalibration().pixelDepth + " replay identical: " + same);
		if (args.length > 1) screenshots(ct, java.nio.file.Paths.get(args[1]));
		Macro.setOptions(null);
		System.exit(0);
	}

	/**
	 * Pictures of the real windows under the virtual display: a slice of the series as opened (512 x 512, shown at
	 * 100 %) with the lungs segmented on it as a red overlay, and the LungPrep submenu's entries.
	 */
	private static void screenshots(final ImagePlus ct, final java.nio.file.Path dir) throws Exception {
		java.nio.file.Files.createDirectories(dir);
		final java.awt.Robot robot = new java.awt.Robot();
		WindowManager.setTempCurrentImage(ct);
		IJ.run(ct, "Segment Lungs...", "method=robust fill labels");
		// IJ.run(imp, ...) leaves the CT as this thread's current image: find the result by its title
		WindowManager.setTempCurrentImage(null);
		final ImagePlus lungs = WindowManager.getImage(ct.getTitle() + " lungs");
		if (lungs == null || lungs == ct || lungs.getBitDepth() != 8) throw new IllegalStateException("no 8-bit lung labels after Segment Lungs...: " + lungs);
		final int z = lungs.getStackSize() / 2;
		ct.setSlice(z);
		ct.setDisplayRange(-1000 + 32768, 400 + 32768);
		lungs.setSlice(z);
		// lung voxels pure red, the rest 0 (transparent): an RGB overlay, so no LUT decides what 0 looks like
		final ij.process.ImageProcessor labels = lungs.getProcessor();
		final ij.process.ColorProcessor overlay = new ij.process.ColorProcessor(labels.getWidth(), labels.getHeight());
		int lungPixels = 0;
		for (int i = 0; i < labels.getPixelCount(); i++)
			if (labels.get(i) != 0) {
				overlay.set(i, 0xFF0000);
				lungPixels++;
			}
		System.out.println("overlay lung pixels: " + lungPixels);
		final ij.gui.ImageRoi roi = new ij.gui.ImageRoi(0, 0, overlay);
		roi.setOpacity(0.45);
		roi.setZeroTransparent(true);
		ct.setOverlay(new ij.gui.Overlay(roi));
		ct.show();
		ct.getWindow().toFront();
		robot.waitForIdle();
		java.awt.EventQueue.invokeAndWait(() -> { });
		robot.waitForIdle();
		javax.imageio.ImageIO.write(robot.createScreenCapture(ct.getWindow().getBounds()), "png", dir.resolve("segmented-result.png").toFile());
		// the Plugins > LungPrep submenu as ImageJ built it from plugins.config, opened as a popup on the image
		final java.awt.MenuBar bar = ij.Menus.getMenuBar();
		java.awt.Menu lungprep = null;
		for (int m = 0; m < bar.getMenuCount(); m++)
			if ("Plugins".equals(bar.getMenu(m).getLabel()))
				for (int i = 0; i < bar.getMenu(m).getItemCount(); i++)
					if ("LungPrep".equals(bar.getMenu(m).getItem(i).getLabel())) lungprep = (java.awt.Menu) bar.getMenu(m).getItem(i);
		if (lungprep == null) throw new IllegalStateException("no Plugins > LungPrep menu");
		final java.awt.PopupMenu popup = new java.awt.PopupMenu("LungPrep");
		final StringBuilder names = new StringBuilder();
		for (int i = 0; i < lungprep.getItemCount(); i++) {
			popup.add(new java.awt.MenuItem(lungprep.getItem(i).getLabel()));
			names.append(lungprep.getItem(i).getLabel()).append(';');
		}
		final java.awt.Component canvas = ct.getCanvas();
		java.awt.EventQueue.invokeAndWait(() -> {
			canvas.add(popup);
			popup.show(canvas, 10, 10);
		});
		robot.waitForIdle();
		final java.awt.Point p = canvas.getLocationOnScreen();
		javax.imageio.ImageIO.write(robot.createScreenCapture(new java.awt.Rectangle(p.x, p.y, 320, 40 + 24 * lungprep.getItemCount())), "png",
			dir.resolve("plugins-lungprep-menu.png").toFile());
		System.out.println("menu entries: " + names);
		System.out.println("screenshots written");
	}
}
