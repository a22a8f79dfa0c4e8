package gendocs

//go:generate go run ./cmd ../..
