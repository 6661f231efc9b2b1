#!/usr/bin/perl
# Turn otpauth_qr_text's half blocks back into a picture a QR decoder can read: a plain PBM
# (P1), 4 pixels per module. Ink (a light module, as the text draws it for a light-on-dark
# terminal) becomes white, blank becomes black. Usage: text-to-pbm.pl < qr.txt > qr.pbm
use strict;
use warnings;
use utf8;

binmode STDIN, ':encoding(UTF-8)';
my $scale = 4;
my %cell = ("\x{2588}" => [0, 0], "\x{2580}" => [0, 1], "\x{2584}" => [1, 0], ' ' => [1, 1]);
my @rows;
while (my $line = <STDIN>) {
    chomp $line;
    next if $line eq '';
    my (@top, @bottom);
    for my $ch (split //, $line) {
        my $dark = $cell{$ch} or die "text-to-pbm: unexpected character U+" . sprintf('%04X', ord $ch) . "\n";
        push @top, $dark->[0];
        push @bottom, $dark->[1];
    }
    push @rows, \@top, \@bottom;
}
die "text-to-pbm: no rows\n" unless @rows;
my $width = @{ $rows[0] };
printf "P1\n%d %d\n", $width * $scale, @rows * $scale;
for my $row (@rows) {
    die "text-to-pbm: ragged rows\n" unless @$row == $width;
    my $line = join ' ', map { ($_) x $scale } @$row;
    print "$line\n" for 1 .. $scale;
}
